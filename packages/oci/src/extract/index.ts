// Safe, streaming tar extraction (docker export -> bundle rootfs) and the rootfs tree digest.
export {
  extractTar,
  type ExtractOptions,
  type ExtractProgress,
  type ExtractResult,
  type TarEntryInfo,
  type TarEntryType,
} from './extractor.js';
export { computeTreeDigest, hashFile, summarizeTree, TreeDigestBuilder, type TreeRecord, type TreeSummary } from './tree-digest.js';
