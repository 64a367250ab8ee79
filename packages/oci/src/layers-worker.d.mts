// Types of layers-worker.mjs (plain JavaScript so that it runs as a worker from sources and from ncc bundles).
export declare const BLOCK: number;
export declare const INIT_DIRS: string[];
export declare const INIT_EMPTY_FILES: string[];
export declare const INIT_SYMLINKS: Record<string, string>;
export declare const INIT_FILES: Set<string>;
export declare const CTRL: { published: number; consumed: number; state: number; errorLength: number };
export declare const STATE: { running: number; done: number; failed: number };
export declare function tarHeader(name: string, type: string, mode: number, size: number, mtime: number, linkname?: string): Buffer;
