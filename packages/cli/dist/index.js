#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 6927:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1577);
// Executable entry of the eda-oci command (bundled to packages/cli/dist/index.js).

process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 1577:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT

;// CONCATENATED MODULE: ./packages/exec/src/errors.ts
// Typed errors shared by every eda-oci package. Each message is one actionable line: what, why, how to fix.
/**
 * Base class: every error eda-oci raises on purpose. The message is `problem; hint`; `problem` (what is wrong) and
 * `hint` (how to fix it) are also kept apart, for summaries and for callers that give a problem a hint of their own.
 */
class errors_EdaOciError extends Error {
    problem;
    hint;
    name = 'EdaOciError';
    constructor(problem, hint, options) {
        super(hint ? `${problem}; ${hint}` : problem, options);
        this.problem = problem;
        this.hint = hint;
    }
}
/** A bad input or environment setting, detected before any side effect. */
class errors_ConfigurationError extends errors_EdaOciError {
    name = 'ConfigurationError';
}
/** A program exited non-zero, was killed, timed out, or could not be started. */
class errors_CommandFailedError extends errors_EdaOciError {
    command;
    args;
    exitCode;
    signal;
    stderr;
    name = 'CommandFailedError';
    constructor(message, command, args, exitCode, signal, stderr, hint, options) {
        super(message, hint, options);
        this.command = command;
        this.args = args;
        this.exitCode = exitCode;
        this.signal = signal;
        this.stderr = stderr;
    }
}
/** Building, reading or checking an OCI bundle failed (includes hostile archives). */
class errors_BundleError extends errors_EdaOciError {
    name = 'BundleError';
}
/** The operation was cancelled (signal or AbortSignal); cleanup has run. */
class errors_CancelledError extends errors_EdaOciError {
    name = 'CancelledError';
}

;// CONCATENATED MODULE: ./packages/exec/src/logger.ts
// The logging interface every domain package takes as a parameter, so the library runs outside Actions.
/** Logger that writes to stderr, used by the CLI and tests; debug lines only when `verbose`. */
function createConsoleLogger(options = {}) {
    const write = (line) => {
        process.stderr.write(`${line}\n`);
    };
    return {
        debug: (m) => {
            if (options.verbose)
                write(`debug: ${m}`);
        },
        info: (m) => {
            if (!options.quiet)
                write(m);
        },
        warning: (m) => write(`warning: ${m}`),
        error: (m) => write(`error: ${m}`),
        group: async (title, fn) => {
            if (!options.quiet)
                write(`== ${title}`);
            return fn();
        },
    };
}
/** Logger that drops everything; handy default for library calls in tests. */
const logger_silentLogger = {
    debug: () => undefined,
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    group: (_t, fn) => fn(),
};

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./packages/exec/src/run-command.ts
// The one way eda-oci runs programs: argument arrays (never a shell), timeouts, capped output, cancellation.


const KILL_GRACE_MS = 2000;
/** Renders a command for logs only (quoted where needed); it is never executed as a string. */
function run_command_formatCommand(command, args) {
    const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
    return [command, ...args].map(quote).join(' ');
}
function checkArgs(command, args) {
    for (const a of [command, ...args]) {
        if (typeof a !== 'string' || a.includes('\0')) {
            throw new TypeError(`argument ${JSON.stringify(a)} of ${command} is not a NUL-free string`);
        }
    }
}
/**
 * Starts a program with an argument array (never a shell) and watches it: logs the `[command]` line, kills it
 * (SIGTERM, then SIGKILL after a grace period) on timeout or abort, and reports how it ended. A program that cannot
 * be started rejects `ended` with CommandFailedError.
 */
function supervise(command, args, options, stdin) {
    checkArgs(command, args);
    const line = `[command] ${run_command_formatCommand(command, args)}`;
    if (options.quiet)
        options.logger?.debug(line);
    else
        options.logger?.info(line);
    const started = Date.now();
    const child = (0,external_node_child_process_namespaceObject.spawn)(command, [...args], {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: [stdin, 'pipe', 'pipe'],
        shell: false,
    });
    let reason;
    let killTimer;
    const kill = () => {
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        child.kill('SIGTERM');
        killTimer ??= setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
        killTimer.unref();
    };
    const timer = options.timeoutMs !== undefined
        ? setTimeout(() => {
            reason = 'timeout';
            kill();
        }, options.timeoutMs)
        : undefined;
    timer?.unref();
    const onAbort = () => {
        reason ??= 'cancel';
        kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted)
        onAbort();
    const cleanup = () => {
        if (timer)
            clearTimeout(timer);
        if (killTimer)
            clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', onAbort);
    };
    const ended = new Promise((resolve, reject) => {
        child.once('error', (err) => {
            cleanup();
            const missing = err.code === 'ENOENT';
            reject(new errors_CommandFailedError(`cannot run ${command}: ${missing ? 'program not found' : err.message}`, command, args, null, null, '', missing ? `install ${command} or put it on PATH` : undefined, { cause: err }));
        });
        child.once('close', (code, signal) => {
            cleanup();
            resolve({ code, signal, reason, durationMs: Date.now() - started });
        });
    });
    return { child, ended, kill };
}
/** The error for an ending that is not a success, or undefined when `ok` accepts the exit code. */
function endingError(command, args, e, stderr, options, ok) {
    if (e.reason === 'cancel')
        return new errors_CancelledError(`${command} was cancelled`);
    if (e.reason === 'timeout') {
        return new errors_CommandFailedError(`${run_command_formatCommand(command, args.slice(0, 3))} timed out after ${Math.round((options.timeoutMs ?? 0) / 1000)} s and was killed`, command, args, e.code, e.signal, stderr);
    }
    if (e.code === null || !ok.includes(e.code))
        return failure(command, args, e.code, e.signal, stderr);
    return undefined;
}
/**
 * Starts a program whose stdout the caller streams. stderr is kept (capped) for the error message.
 * Use for large outputs such as `docker export`; use {@link runCommand} for everything else.
 */
function spawnCommand(command, args, options = {}) {
    const { child, ended, kill } = supervise(command, args, options, 'ignore');
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
        if (stderr.length < 64 * 1024)
            stderr += d;
    });
    const done = ended.then((e) => {
        const err = endingError(command, args, e, stderr, options, [0]);
        if (err)
            throw err;
        return { durationMs: e.durationMs, stderr };
    });
    // Keep the promise from being reported unhandled when the caller only awaits stdout first.
    done.catch(() => undefined);
    return { child, stdout: child.stdout, done, kill };
}
function failure(command, args, code, sig, stderr) {
    const last = lastLine(stderr);
    const how = sig ? `was killed by ${sig}` : `exited with code ${code}`;
    return new errors_CommandFailedError(`${run_command_formatCommand(command, args.slice(0, 3))}${args.length > 3 ? ' ...' : ''} ${how}${last ? `: ${last}` : ''}`, command, args, code, sig, stderr);
}
/** Last non-empty line of a program's stderr, trimmed; what most CLIs put their error in. */
function lastLine(text) {
    const lines = text.split('\n').map((l) => l.trim());
    for (let i = lines.length - 1; i >= 0; i--)
        if (lines[i])
            return lines[i];
    return '';
}
/**
 * Runs a program to completion with an argument array and returns its output.
 * Rejects with CommandFailedError on a non-accepted exit code, a signal, a timeout or a missing program,
 * and with CancelledError when `signal` aborts.
 */
const runCommand = async (command, args, options = {}) => {
    const { child, ended } = supervise(command, args, options, options.input !== undefined ? 'pipe' : 'ignore');
    const max = options.maxOutputBytes ?? 4 * 1024 * 1024;
    const out = collector(max, options.onStdoutLine);
    const err = collector(max, options.onStderrLine);
    child.stdout.on('data', out.push);
    child.stderr.on('data', err.push);
    if (options.input !== undefined) {
        child.stdin.on('error', () => undefined); // EPIPE when the program exits early; its exit code tells.
        child.stdin.end(options.input);
    }
    const e = await ended;
    out.flush();
    err.flush();
    const stdout = out.text();
    const stderr = err.text();
    const failed = endingError(command, args, e, stderr, options, options.okExitCodes ?? [0]);
    if (failed)
        throw failed;
    return { exitCode: e.code, stdout, stderr, durationMs: e.durationMs, truncated: out.truncated || err.truncated };
};
function collector(max, onLine) {
    const chunks = [];
    let kept = 0;
    let truncated = false;
    let partial = '';
    return {
        push: (chunk) => {
            if (kept < max) {
                const take = chunk.subarray(0, max - kept);
                chunks.push(take);
                kept += take.length;
                if (take.length < chunk.length)
                    truncated = true;
            }
            else
                truncated = true;
            if (onLine) {
                const lines = (partial + chunk.toString('utf8')).split('\n');
                partial = lines.pop() ?? '';
                for (const l of lines)
                    onLine(l);
            }
        },
        flush: () => {
            if (onLine && partial)
                onLine(partial);
            partial = '';
        },
        text: () => Buffer.concat(chunks).toString('utf8'),
        get truncated() {
            return truncated;
        },
    };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./packages/exec/src/detached.ts
// Starting a long-lived daemon detached from the caller (own session, output to a log file), and finding what it spawned.




/**
 * Starts `command` in its own session (setsid: it survives the caller and a SIGINT to the caller's process group) with
 * stdin from /dev/null and output appended to a log file, so it holds no pipe of the caller open. Resolves once the
 * program was started; rejects with CommandFailedError when it cannot be started.
 */
async function detached_startDetached(command, args, options) {
    for (const a of [command, ...args]) {
        if (a.includes('\0'))
            throw new TypeError(`argument ${JSON.stringify(a)} of ${command} is not a NUL-free string`);
    }
    options.logger?.info(`[command] ${formatCommand(command, args)} (detached, log ${options.logFile})`);
    const fd = openSync(options.logFile, 'a', 0o600);
    try {
        const child = spawn(command, [...args], {
            cwd: options.cwd ?? '/',
            env: options.env,
            detached: true,
            stdio: ['ignore', fd, fd],
            shell: false,
        });
        let status;
        const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
            status = { code, signal };
            resolve(status);
        }));
        await new Promise((resolve, reject) => {
            child.once('error', (err) => reject(new CommandFailedError(`cannot start ${command}: ${err.message}`, command, args, null, null, '', undefined, { cause: err })));
            child.once('spawn', () => resolve());
        });
        // Do not keep the caller alive for the daemon's sake.
        child.unref();
        return { pid: child.pid, exited, exitStatus: () => status };
    }
    finally {
        closeSync(fd);
    }
}
/** Reads /proc/<pid>/stat (and the owner); undefined when the process does not exist. */
function detached_procInfo(pid, procDir = '/proc') {
    try {
        const stat = readFileSync(`${procDir}/${pid}/stat`, 'utf8');
        // comm (field 2) may contain spaces and parentheses: the fields after it follow the last ')'.
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const status = readFileSync(`${procDir}/${pid}/status`, 'utf8');
        return {
            pid,
            ppid: Number(rest[1]),
            session: Number(rest[3]),
            startTime: Number(rest[19]),
            uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1),
            zombie: rest[0] === 'Z',
        };
    }
    catch {
        return undefined;
    }
}
/**
 * Processes of a session started by {@link startDetached} (session id = its pid) and all their descendants, including
 * ones that started a session of their own (containerd does setsid). Zombies are left out.
 */
function detached_sessionProcesses(sid, procDir = '/proc') {
    const all = [];
    for (const name of readdirSync(procDir)) {
        if (!/^\d+$/.test(name))
            continue;
        const p = detached_procInfo(Number(name), procDir);
        if (p && !p.zombie)
            all.push(p);
    }
    const keep = new Set(all.filter((p) => p.session === sid).map((p) => p.pid));
    for (let added = true; added;) {
        added = false;
        for (const p of all) {
            if (!keep.has(p.pid) && keep.has(p.ppid)) {
                keep.add(p.pid);
                added = true;
            }
        }
    }
    return all.filter((p) => keep.has(p.pid));
}

;// CONCATENATED MODULE: ./packages/exec/src/format.ts
// Human-readable figures shared by the actions' summaries and the CLI's output.
/** Human size: 1536 -> "1.5 KiB". */
function formatBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

;// CONCATENATED MODULE: ./packages/exec/src/progress.ts
// Rate limit for progress callbacks: long library steps (extraction, publish) report at most ~10 times per second.
/** The default interval between progress reports: at most 10 per second. */
const PROGRESS_INTERVAL_MS = 100;
/**
 * Says when the next progress report is due. `due()` is true at most once per `intervalMs` (the first time
 * `intervalMs` after creation, so a step that ends quickly reports nothing but its final state). Callers check it
 * before building a report, which keeps the cost of an unwanted report to one clock read.
 */
class ProgressTicker {
    intervalMs;
    now;
    last;
    constructor(intervalMs = PROGRESS_INTERVAL_MS, now = Date.now) {
        this.intervalMs = intervalMs;
        this.now = now;
        this.last = now();
    }
    /** True when at least the interval passed since the last time it was true (or since creation). */
    due() {
        const t = this.now();
        if (t - this.last < this.intervalMs)
            return false;
        this.last = t;
        return true;
    }
}

;// CONCATENATED MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
/*! js-yaml 5.5.0 https://github.com/nodeca/js-yaml @license MIT */
//#region src/tag.ts
/**
* Returned by a scalar resolver when the source does not match its tag.
*
* @category Tags
*/
var NOT_RESOLVED = Symbol("NOT_RESOLVED");
/**
* Create a normalized scalar tag definition.
*
* @category Tags
*/
function defineScalarTag(tagName, options) {
	return {
		tagName,
		nodeKind: "scalar",
		implicit: options.implicit ?? false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		implicitFirstChars: options.implicitFirstChars ?? null,
		resolve: options.resolve,
		identify: options.identify,
		represent: options.represent ?? ((data) => String(data)),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized sequence tag definition.
*
* @category Tags
*/
function defineSequenceTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "sequence",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addItem: options.addItem,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
/**
* Create a normalized mapping tag definition.
*
* @category Tags
*/
function defineMappingTag(tagName, options) {
	const carrierIsResult = options.finalize === void 0;
	return {
		tagName,
		nodeKind: "mapping",
		implicit: false,
		matchByTagPrefix: options.matchByTagPrefix ?? false,
		create: options.create,
		addPair: options.addPair,
		has: options.has,
		keys: options.keys,
		get: options.get,
		finalize: options.finalize ?? ((carrier) => carrier),
		carrierIsResult,
		identify: options.identify,
		represent: options.represent ?? ((data) => data),
		representTagName: options.representTagName ?? (() => tagName)
	};
}
//#endregion
//#region src/tag/scalar/str.ts
/** @category Tags */
var strTag = defineScalarTag("tag:yaml.org,2002:str", {
	resolve: (source) => source,
	identify: (data) => typeof data === "string"
});
//#endregion
//#region src/tag/scalar/null_core.ts
var NULL_VALUES$1 = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullCoreTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES$1.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_json.ts
/** @category Tags */
var nullJsonTag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: ["n"],
	resolve: (source, isExplicit) => {
		if (source === "null" || isExplicit && source === "") return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/null_yaml11.ts
var NULL_VALUES = [
	"",
	"~",
	"null",
	"Null",
	"NULL"
];
/** @category Tags */
var nullYaml11Tag = defineScalarTag("tag:yaml.org,2002:null", {
	implicit: true,
	implicitFirstChars: [
		"",
		"~",
		"n",
		"N"
	],
	resolve: (source) => {
		if (NULL_VALUES.indexOf(source) !== -1) return null;
		return NOT_RESOLVED;
	},
	identify: (object) => object === null,
	represent: () => "null"
});
//#endregion
//#region src/tag/scalar/bool_core.ts
var TRUE_VALUES$2 = [
	"true",
	"True",
	"TRUE"
];
var FALSE_VALUES$2 = [
	"false",
	"False",
	"FALSE"
];
/** @category Tags */
var boolCoreTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"t",
		"T",
		"f",
		"F"
	],
	resolve: (source) => {
		if (TRUE_VALUES$2.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$2.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_json.ts
var TRUE_VALUES$1 = ["true"];
var FALSE_VALUES$1 = ["false"];
/** @category Tags */
var boolJsonTag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: ["t", "f"],
	resolve: (source) => {
		if (TRUE_VALUES$1.indexOf(source) !== -1) return true;
		if (FALSE_VALUES$1.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/bool_yaml11.ts
var TRUE_VALUES = [
	"true",
	"True",
	"TRUE",
	"y",
	"Y",
	"yes",
	"Yes",
	"YES",
	"on",
	"On",
	"ON"
];
var FALSE_VALUES = [
	"false",
	"False",
	"FALSE",
	"n",
	"N",
	"no",
	"No",
	"NO",
	"off",
	"Off",
	"OFF"
];
/** @category Tags */
var boolYaml11Tag = defineScalarTag("tag:yaml.org,2002:bool", {
	implicit: true,
	implicitFirstChars: [
		"y",
		"Y",
		"n",
		"N",
		"t",
		"T",
		"f",
		"F",
		"o",
		"O"
	],
	resolve: (source) => {
		if (TRUE_VALUES.indexOf(source) !== -1) return true;
		if (FALSE_VALUES.indexOf(source) !== -1) return false;
		return NOT_RESOLVED;
	},
	identify: (object) => Object.prototype.toString.call(object) === "[object Boolean]",
	represent: (object) => object ? "true" : "false"
});
//#endregion
//#region src/tag/scalar/int_core.ts
var YAML_INTEGER_IMPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
var YAML_INTEGER_EXPLICIT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$2(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$2(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN$1.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$2(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intCoreTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger$2,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_json.ts
var YAML_INTEGER_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)$");
var YAML_INTEGER_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1]+|[-+]?0o[0-7]+|[-+]?0x[0-9a-fA-F]+|[-+]?[0-9]+)$");
function parseYamlInteger$1(source) {
	let value = source;
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0o")) return sign * parseInt(value.slice(2), 8);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_INTEGER_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	} else if (!YAML_INTEGER_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger$1(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intJsonTag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlInteger$1,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/int_yaml11.ts
var YAML_INTEGER_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?(?:0|[1-9][0-9_]*))$");
function parseYamlInteger(source) {
	let value = source.replace(/_/g, "");
	let sign = 1;
	if (value[0] === "-" || value[0] === "+") {
		if (value[0] === "-") sign = -1;
		value = value.slice(1);
	}
	if (value.startsWith("0b")) return sign * parseInt(value.slice(2), 2);
	if (value.startsWith("0x")) return sign * parseInt(value.slice(2), 16);
	if (value.includes(":")) {
		let result = 0;
		for (const part of value.split(":")) result = result * 60 + Number(part);
		return sign * result;
	}
	if (value !== "0" && value[0] === "0") return sign * parseInt(value, 8);
	return sign * parseInt(value, 10);
}
function resolveYamlInteger(source) {
	if (!YAML_INTEGER_PATTERN.test(source)) return NOT_RESOLVED;
	const result = parseYamlInteger(source);
	return Number.isFinite(result) ? result : NOT_RESOLVED;
}
/** @category Tags */
var intYaml11Tag = defineScalarTag("tag:yaml.org,2002:int", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		..."0123456789"
	],
	resolve: resolveYamlInteger,
	identify: (object) => Number.isInteger(object) && !Object.is(object, -0) && object.toString(10).indexOf("e") < 0,
	represent: (object) => object.toString(10)
});
//#endregion
//#region src/tag/scalar/float_core.ts
var YAML_FLOAT_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN$1 = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$2(source) {
	if (!YAML_FLOAT_PATTERN$1.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase();
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	const result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN$1.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$2(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatCoreTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat$2,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$2
});
//#endregion
//#region src/tag/scalar/float_json.ts
var YAML_FLOAT_IMPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$");
var YAML_FLOAT_EXPLICIT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?[0-9]+(?:\\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat$1(source, isExplicit) {
	if (isExplicit) {
		if (!YAML_FLOAT_EXPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
		let value = source.toLowerCase();
		const sign = value[0] === "-" ? -1 : 1;
		if ("+-".includes(value[0])) value = value.slice(1);
		if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
		if (value === ".nan") return NaN;
		const result = sign * parseFloat(value);
		return Number.isFinite(result) ? result : NOT_RESOLVED;
	}
	if (!YAML_FLOAT_IMPLICIT_PATTERN.test(source)) return NOT_RESOLVED;
	const result = Number(source);
	if (Number.isFinite(result)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat$1(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatJsonTag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: ["-", ..."0123456789"],
	resolve: resolveYamlFloat$1,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat$1
});
//#endregion
//#region src/tag/scalar/float_yaml11.ts
var YAML_FLOAT_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?(?:(?:[0-9][0-9_]*)?\\.[0-9_]*)(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
var YAML_FLOAT_SPECIAL_PATTERN = /* @__PURE__ */ new RegExp("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
function resolveYamlFloat(source) {
	if (!YAML_FLOAT_PATTERN.test(source)) return NOT_RESOLVED;
	let value = source.toLowerCase().replace(/_/g, "");
	const sign = value[0] === "-" ? -1 : 1;
	if ("+-".includes(value[0])) value = value.slice(1);
	if (value === ".inf") return sign === 1 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
	if (value === ".nan") return NaN;
	let result = 0;
	if (value.includes(":")) {
		for (const part of value.split(":")) result = result * 60 + Number(part);
		result *= sign;
	} else result = sign * parseFloat(value);
	if (Number.isFinite(result) || YAML_FLOAT_SPECIAL_PATTERN.test(source)) return result;
	return NOT_RESOLVED;
}
function representYamlFloat(object) {
	if (isNaN(object)) return ".nan";
	if (object === Number.POSITIVE_INFINITY) return ".inf";
	if (object === Number.NEGATIVE_INFINITY) return "-.inf";
	if (Object.is(object, -0)) return "-0.0";
	const result = object.toString(10);
	return /^[-+]?[0-9]+e/.test(result) ? result.replace("e", ".e") : result;
}
/** @category Tags */
var floatYaml11Tag = defineScalarTag("tag:yaml.org,2002:float", {
	implicit: true,
	implicitFirstChars: [
		"-",
		"+",
		".",
		..."0123456789"
	],
	resolve: resolveYamlFloat,
	identify: (object) => typeof object === "number" && (!Number.isInteger(object) || Object.is(object, -0) || object.toString(10).indexOf("e") >= 0),
	represent: representYamlFloat
});
//#endregion
//#region src/tag/scalar/merge.ts
/**
* Enables merge keys in {@link CORE_SCHEMA} when added with
* {@link Schema.withTags}.
*
* @category Tags
*/
var mergeTag = defineScalarTag("tag:yaml.org,2002:merge", {
	implicit: true,
	implicitFirstChars: ["<"],
	resolve: (source, isExplicit) => {
		if (source === "<<" || isExplicit && source === "") return "<<";
		return NOT_RESOLVED;
	},
	identify: () => false
});
//#endregion
//#region src/tag/scalar/binary.ts
var BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
function resolveYamlBinary(source) {
	const input = source.replace(/\s/g, "");
	if (input.length % 4 !== 0 || !BASE64_PATTERN.test(input)) return NOT_RESOLVED;
	const binary = atob(input);
	const result = new Uint8Array(binary.length);
	for (let index = 0; index < binary.length; index++) result[index] = binary.charCodeAt(index);
	return result;
}
function representYamlBinary(object) {
	let binary = "";
	for (let index = 0; index < object.length; index++) binary += String.fromCharCode(object[index]);
	return btoa(binary);
}
/**
* The `!!binary` tag, represented as a `Uint8Array`.
*
* @category Tags
*/
var binaryTag = defineScalarTag("tag:yaml.org,2002:binary", {
	resolve: resolveYamlBinary,
	identify: (object) => Object.prototype.toString.call(object) === "[object Uint8Array]",
	represent: representYamlBinary
});
//#endregion
//#region src/tag/scalar/timestamp.ts
var YAML_DATE_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$");
var YAML_TIMESTAMP_REGEXP = /* @__PURE__ */ new RegExp("^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \\t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$");
function makeUtcDate(year, month, day, hour = 0, minute = 0, second = 0, fraction = 0) {
	const date = new Date(Date.UTC(year, month, day, hour, minute, second, fraction));
	date.setUTCFullYear(year, month, day);
	return date;
}
function resolveYamlTimestamp(source) {
	let match = YAML_DATE_REGEXP.exec(source);
	if (match === null) match = YAML_TIMESTAMP_REGEXP.exec(source);
	if (match === null) return NOT_RESOLVED;
	const year = +match[1];
	const month = +match[2] - 1;
	const day = +match[3];
	if (!match[4]) {
		const date = makeUtcDate(year, month, day);
		if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
		return date;
	}
	const hour = +match[4];
	const minute = +match[5];
	const second = +match[6];
	let fraction = 0;
	if (hour > 23 || minute > 59 || second > 59) return NOT_RESOLVED;
	if (match[7]) {
		let value = match[7].slice(0, 3);
		while (value.length < 3) value += "0";
		fraction = +value;
	}
	const date = makeUtcDate(year, month, day, hour, minute, second, fraction);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return NOT_RESOLVED;
	if (match[9]) {
		const offsetHour = +match[10];
		const offsetMinute = +(match[11] || 0);
		if (offsetHour > 23 || offsetMinute > 59) return NOT_RESOLVED;
		const offset = (offsetHour * 60 + offsetMinute) * 6e4;
		date.setTime(date.getTime() - (match[9] === "-" ? -offset : offset));
	}
	return date;
}
/**
* The YAML 1.1 `!!timestamp` tag, represented as a JavaScript `Date`.
*
* @category Tags
*/
var timestampTag = defineScalarTag("tag:yaml.org,2002:timestamp", {
	implicit: true,
	implicitFirstChars: [..."0123456789"],
	resolve: resolveYamlTimestamp,
	identify: (object) => object instanceof Date,
	represent: (object) => object.toISOString()
});
//#endregion
//#region src/tag/sequence/seq.ts
/** @category Tags */
var seqTag = defineSequenceTag("tag:yaml.org,2002:seq", {
	create: () => [],
	addItem: (container, item) => {
		container.push(item);
	},
	identify: Array.isArray
});
//#endregion
//#region src/common/object.ts
function isPlainObject(data) {
	if (data === null || typeof data !== "object" || Array.isArray(data)) return false;
	const prototype = Object.getPrototypeOf(data);
	return prototype === null || prototype === Object.prototype;
}
function pick(object, keys) {
	const result = {};
	for (const key of keys) if (object[key] !== void 0) result[key] = object[key];
	return result;
}
//#endregion
//#region src/tag/sequence/omap.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!omap
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   { one: 1 },
*   { two: 2 }
* ]
* ```
*
* @category Tags
*/
var omapTag = defineSequenceTag("tag:yaml.org,2002:omap", {
	create: () => ({
		list: [],
		seen: /* @__PURE__ */ new Set()
	}),
	addItem: (carrier, item) => {
		let key;
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve an ordered map item";
			key = item.keys().next().value;
		} else if (isPlainObject(item)) {
			const itemKeys = Object.keys(item);
			if (itemKeys.length !== 1) return "cannot resolve an ordered map item";
			key = itemKeys[0];
		} else return "cannot resolve an ordered map item";
		if (carrier.seen.has(key)) return "duplicate key in ordered map";
		carrier.seen.add(key);
		carrier.list.push(item);
		return "";
	},
	finalize: (carrier) => carrier.list,
	identify: () => false
});
//#endregion
//#region src/tag/sequence/pairs.ts
/**
* Provided only for YAML 1.1 compatibility and supported by the loader only.
* JavaScript has no dedicated class to represent this type, so it cannot be
* identified and dumped.
*
* ```yaml
* !!pairs
*   - one: 1
*   - two: 2
* ```
*
* is loaded as
*
* ```javascript
* [
*   ['one', 1],
*   ['two', 2]
* ]
* ```
*
* @category Tags
*/
var pairsTag = defineSequenceTag("tag:yaml.org,2002:pairs", {
	create: () => [],
	addItem: (container, item) => {
		if (item instanceof Map) {
			if (item.size !== 1) return "cannot resolve a pairs item";
			container.push(item.entries().next().value);
			return "";
		}
		if (Object.prototype.toString.call(item) !== "[object Object]") return "cannot resolve a pairs item";
		const object = item;
		const keys = Object.keys(object);
		if (keys.length !== 1) return "cannot resolve a pairs item";
		container.push([keys[0], object[keys[0]]]);
		return "";
	},
	identify: () => false
});
//#endregion
//#region src/tag/mapping/map.ts
/**
* This is the default mapping implementation. It uses `{}` objects and has only
* partial functionality due to language limitations. This choice was made
* because users expect to get JavaScript objects, and it was left unchanged to
* avoid too many breaking changes in the v5 release.
*
* Side effects:
*
* - `Object.hasOwn()` checks or `for...of` loops are required for safe use (to
*   avoid falling through to prototypes).
* - Only scalar string keys are supported properly.
* - Other scalar keys, such as `null` and numbers, are converted to strings.
*   This is historical behaviour, and it can cause side effects such as
*   problems with `!!merge`.
*
* Note that non-string scalar keys may be deprecated in future versions.
*
* Ideally, use {@link realMapTag} instead.
*
* @category Tags
*/
var mapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		if (key !== null && typeof key === "object") return "object-based map does not support complex keys";
		const normalizedKey = String(key);
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		if (key !== null && typeof key === "object") return false;
		return Object.prototype.hasOwnProperty.call(container, String(key));
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/tag/mapping/set.ts
/**
* The YAML 1.1 `!!set` tag, represented as a JavaScript `Set`.
*
* @category Tags
*/
var setTag = defineMappingTag("tag:yaml.org,2002:set", {
	create: () => /* @__PURE__ */ new Set(),
	identify: (data) => data instanceof Set,
	represent: (data) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of data) map.set(key, null);
		return map;
	},
	addPair: (container, key, value) => {
		if (value !== null) return "cannot resolve a set item";
		container.add(key);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: () => null
});
//#endregion
//#region src/schema.ts
function createTagDefinitionMap() {
	return {
		scalar: Object.create(null),
		sequence: Object.create(null),
		mapping: Object.create(null)
	};
}
function createTagDefinitionListMap() {
	return {
		scalar: [],
		sequence: [],
		mapping: []
	};
}
function compileTags(tags) {
	const result = [];
	for (const tag of tags) {
		let index = result.length;
		for (let previousIndex = 0; previousIndex < result.length; previousIndex++) {
			const previous = result[previousIndex];
			if (previous.nodeKind === tag.nodeKind && previous.tagName === tag.tagName && previous.matchByTagPrefix === tag.matchByTagPrefix) {
				index = previousIndex;
				break;
			}
		}
		result[index] = tag;
	}
	return result;
}
/**
* Controls tag resolution when loading and type selection when dumping.
*
* @category Schemas
*/
var Schema = class Schema {
	tags;
	/** @internal */
	implicitScalarTags;
	/**
	* Dispatch implicit scalar resolvers by `source.charAt(0)`. Each bucket holds
	* the resolvers that may match that key, in schema order; a key absent from
	* the map uses
	* {@link Schema.implicitScalarAnyFirstChar}
	* (resolvers that declared no first-char constraint, so they apply to any
	* first character).
	*/
	implicitScalarByFirstChar;
	implicitScalarAnyFirstChar;
	/**
	* The default scalar tag (`!!str`), resolved once so the composer's fallback
	* for unresolved plain scalars avoids a keyed lookup per scalar.
	*
	* @internal
	*/
	defaultScalarTag;
	/**
	* The default container tags (`!!seq` / `!!map`), used by the dumper: when a
	* value is identified by its default tag, the tag is implicit and not
	* printed. Undefined if the schema does not define them (then such values
	* can't be dumped).
	*
	* @internal
	*/
	defaultSequenceTag;
	/** @internal */
	defaultMappingTag;
	exact;
	prefix;
	constructor(tags) {
		const compiledTags = compileTags(tags);
		const implicitScalarTags = [];
		const exact = createTagDefinitionMap();
		const prefix = createTagDefinitionListMap();
		for (const tag of compiledTags) {
			if (tag.nodeKind === "scalar" && tag.implicit) {
				if (tag.matchByTagPrefix) throw new Error("Implicit scalar tags cannot match by tag prefix");
				implicitScalarTags.push(tag);
			}
			switch (tag.nodeKind) {
				case "scalar":
					if (tag.matchByTagPrefix) prefix.scalar.push(tag);
					else exact.scalar[tag.tagName] = tag;
					break;
				case "sequence":
					if (tag.matchByTagPrefix) prefix.sequence.push(tag);
					else exact.sequence[tag.tagName] = tag;
					break;
				case "mapping": if (tag.matchByTagPrefix) prefix.mapping.push(tag);
				else exact.mapping[tag.tagName] = tag;
			}
		}
		const implicitScalarAnyFirstChar = implicitScalarTags.filter((tag) => tag.implicitFirstChars === null);
		const keys = /* @__PURE__ */ new Set();
		for (const tag of implicitScalarTags) if (tag.implicitFirstChars !== null) for (const key of tag.implicitFirstChars) keys.add(key);
		const implicitScalarByFirstChar = /* @__PURE__ */ new Map();
		for (const key of keys) implicitScalarByFirstChar.set(key, implicitScalarTags.filter((tag) => tag.implicitFirstChars === null || tag.implicitFirstChars.indexOf(key) !== -1));
		const defaultScalarTag = exact.scalar["tag:yaml.org,2002:str"];
		if (!defaultScalarTag) throw new Error("schema does not define the default scalar tag (tag:yaml.org,2002:str)");
		this.tags = compiledTags;
		this.implicitScalarTags = implicitScalarTags;
		this.implicitScalarByFirstChar = implicitScalarByFirstChar;
		this.implicitScalarAnyFirstChar = implicitScalarAnyFirstChar;
		this.defaultScalarTag = defaultScalarTag;
		this.defaultSequenceTag = exact.sequence["tag:yaml.org,2002:seq"];
		this.defaultMappingTag = exact.mapping["tag:yaml.org,2002:map"];
		this.exact = exact;
		this.prefix = prefix;
	}
	/** @internal */
	lookupScalarTag(tagName) {
		const exactTag = this.exact.scalar[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.scalar) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupSequenceTag(tagName) {
		const exactTag = this.exact.sequence[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.sequence) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	lookupMappingTag(tagName) {
		const exactTag = this.exact.mapping[tagName];
		if (exactTag) return exactTag;
		for (const tag of this.prefix.mapping) if (tagName.startsWith(tag.tagName)) return tag;
	}
	/** @internal */
	resolveImplicitScalarTag(source) {
		const candidates = this.implicitScalarByFirstChar.get(source.charAt(0)) ?? this.implicitScalarAnyFirstChar;
		for (const tag of candidates) {
			const value = tag.resolve(source, false, tag.tagName);
			if (value !== NOT_RESOLVED) return {
				value,
				tag
			};
		}
		const tag = this.defaultScalarTag;
		return {
			value: tag.resolve(source, false, tag.tagName),
			tag
		};
	}
	/**
	* Creates a new schema with the specified tags added. If a tag already
	* exists, it is replaced by the specified tag.
	*
	* @example
	*
	* ```javascript
	* import { CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
	*
	* const schema = CORE_SCHEMA.withTags(mergeTag, realMapTag)
	* ```
	*/
	withTags(...tags) {
		let flatTags = [];
		for (const tag of tags) flatTags = flatTags.concat(tag);
		return new Schema([...this.tags, ...flatTags]);
	}
};
/**
* The YAML 1.2 Failsafe Schema: strings, sequences, and mappings.
*
* @category Schemas
*/
var FAILSAFE_SCHEMA = new Schema([
	strTag,
	seqTag,
	mapTag
]);
/**
* The YAML 1.2 JSON Schema. It uses JSON scalar forms while retaining YAML
* collection syntax.
*
* @category Schemas
*/
var JSON_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullJsonTag,
	boolJsonTag,
	intJsonTag,
	floatJsonTag
]);
/**
* The default schema for the loaders. Note, {@link CORE_SCHEMA} comes
* without the `!!merge` tag. You can easily enable it if needed.
*
* @example
* Enable {@link mergeTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Schemas
*/
var CORE_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullCoreTag,
	boolCoreTag,
	intCoreTag,
	floatCoreTag
]);
/**
* YAML 1.1-compatible schema.
*
* @category Schemas
*/
var YAML11_SCHEMA = new Schema([
	...FAILSAFE_SCHEMA.tags,
	nullYaml11Tag,
	boolYaml11Tag,
	intYaml11Tag,
	floatYaml11Tag,
	timestampTag,
	mergeTag,
	binaryTag,
	omapTag,
	pairsTag,
	setTag
]);
/**
* The dumper schema for maximum compatibility. It combines all supported type
* variants from YAML 1.1 and YAML 1.2 so strings matching any of them are
* quoted. This makes the generated YAML more compatible with other parsers.
*
* The schema is based on YAML 1.1, but extends `!!int` and `!!float` to accept
* both YAML 1.1 and Core Schema forms, since Core Schema supports some forms
* that YAML 1.1 does not.
*
* @category Schemas
*/
var DUMP_SCHEMA = YAML11_SCHEMA.withTags({
	...intYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = intYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? intCoreTag.resolve(source, isExplicit, tagName) : result;
	}
}, {
	...floatYaml11Tag,
	resolve: (source, isExplicit, tagName) => {
		const result = floatYaml11Tag.resolve(source, isExplicit, tagName);
		return result === NOT_RESOLVED ? floatCoreTag.resolve(source, isExplicit, tagName) : result;
	}
});
//#endregion
//#region src/tag/mapping/real_map.ts
/**
* Recommended when non-string keys are actually needed. It uses native
* JavaScript `Map` objects, so keys keep their constructed types instead of
* being converted to strings.
*
* It is not the default to avoid widespread breaking changes in existing
* projects. `Map` has a different access API and does not pass deep equality
* checks against `{}`-based fixtures. Alongside the other changes in v5,
* making it the default was considered too disruptive.
*
* If these differences are acceptable for your project, we recommend using
* {@link realMapTag} to guarantee the absence of problems and side effects.
*
* @example
* Enable {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Tags
*/
var realMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => /* @__PURE__ */ new Map(),
	addPair: (container, key, value) => {
		container.set(key, value);
		return "";
	},
	has: (container, key) => container.has(key),
	keys: (container) => container.keys(),
	get: (container, key) => container.get(key),
	identify: (data) => data instanceof Map || isPlainObject(data),
	represent: (data) => {
		if (data instanceof Map) return data;
		const map = /* @__PURE__ */ new Map();
		const obj = data;
		for (const key of Object.keys(obj)) map.set(key, obj[key]);
		return map;
	}
});
//#endregion
//#region src/tag/mapping/legacy_map.ts
function normalizeKey(key) {
	if (Array.isArray(key)) {
		const array = Array.prototype.slice.call(key);
		for (let index = 0; index < array.length; index++) {
			if (Array.isArray(array[index])) return null;
			if (typeof array[index] === "object" && Object.prototype.toString.call(array[index]) === "[object Object]") array[index] = "[object Object]";
		}
		return String(array);
	}
	if (typeof key === "object" && Object.prototype.toString.call(key) === "[object Object]") return "[object Object]";
	return String(key);
}
/**
* This implementation exists solely to reproduce v4 behavior exactly. Its use
* is strongly discouraged. If complex or non-string keys are needed, use
* {@link realMapTag} instead.
*
* @category Tags
*/
var legacyMapTag = defineMappingTag("tag:yaml.org,2002:map", {
	create: () => ({}),
	identify: isPlainObject,
	represent: (o) => {
		const map = /* @__PURE__ */ new Map();
		for (const key of Object.keys(o)) map.set(key, o[key]);
		return map;
	},
	addPair: (container, key, value) => {
		const normalizedKey = normalizeKey(key);
		if (normalizedKey === null) return "nested arrays are not supported inside keys";
		if (normalizedKey === "__proto__") Object.defineProperty(container, normalizedKey, {
			value,
			enumerable: true,
			configurable: true,
			writable: true
		});
		else container[normalizedKey] = value;
		return "";
	},
	has: (container, key) => {
		const normalizedKey = normalizeKey(key);
		return normalizedKey !== null && Object.prototype.hasOwnProperty.call(container, normalizedKey);
	},
	keys: (container) => Object.keys(container),
	get: (container, key) => {
		const normalizedKey = String(key);
		if (!Object.prototype.hasOwnProperty.call(container, normalizedKey)) return null;
		return container[normalizedKey];
	}
});
//#endregion
//#region src/common/snippet.ts
var DEFAULT_SNIPPET_OPTIONS = {
	maxLength: 79,
	indent: 1,
	linesBefore: 3,
	linesAfter: 2
};
function getLine(buffer, lineStart, lineEnd, position, maxLineLength) {
	let head = "";
	let tail = "";
	const maxHalfLength = Math.floor(maxLineLength / 2) - 1;
	if (position - lineStart > maxHalfLength) {
		head = " ... ";
		lineStart = position - maxHalfLength + head.length;
	}
	if (lineEnd - position > maxHalfLength) {
		tail = " ...";
		lineEnd = position + maxHalfLength - tail.length;
	}
	return {
		str: head + buffer.slice(lineStart, lineEnd).replace(/\t/g, "→") + tail,
		pos: position - lineStart + head.length
	};
}
function padStart(string, max) {
	return " ".repeat(Math.max(max - string.length, 0)) + string;
}
function makeSnippet(mark, options) {
	if (!mark.buffer) return null;
	const opts = {
		...DEFAULT_SNIPPET_OPTIONS,
		...options
	};
	const re = /\r?\n|\r|\0/g;
	const lineStarts = [0];
	const lineEnds = [];
	let match;
	let foundLineNo = -1;
	while (match = re.exec(mark.buffer)) {
		lineEnds.push(match.index);
		lineStarts.push(match.index + match[0].length);
		if (mark.position <= match.index && foundLineNo < 0) foundLineNo = lineStarts.length - 2;
	}
	if (foundLineNo < 0) foundLineNo = lineStarts.length - 1;
	let result = "";
	const lineNoLength = Math.min(mark.line + opts.linesAfter, lineEnds.length).toString().length;
	const maxLineLength = opts.maxLength - (opts.indent + lineNoLength + 3);
	for (let i = 1; i <= opts.linesBefore; i++) {
		if (foundLineNo - i < 0) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo - i], lineEnds[foundLineNo - i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo - i]), maxLineLength);
		result = `${" ".repeat(opts.indent)}${padStart((mark.line - i + 1).toString(), lineNoLength)} | ${line.str}\n${result}`;
	}
	const line = getLine(mark.buffer, lineStarts[foundLineNo], lineEnds[foundLineNo], mark.position, maxLineLength);
	result += `${" ".repeat(opts.indent)}${padStart((mark.line + 1).toString(), lineNoLength)} | ${line.str}\n`;
	result += `${"-".repeat(opts.indent + lineNoLength + 3 + line.pos)}^\n`;
	for (let i = 1; i <= opts.linesAfter; i++) {
		if (foundLineNo + i >= lineEnds.length) break;
		const line = getLine(mark.buffer, lineStarts[foundLineNo + i], lineEnds[foundLineNo + i], mark.position - (lineStarts[foundLineNo] - lineStarts[foundLineNo + i]), maxLineLength);
		result += `${" ".repeat(opts.indent)}${padStart((mark.line + i + 1).toString(), lineNoLength)} | ${line.str}\n`;
	}
	return result.replace(/\n$/, "");
}
//#endregion
//#region src/common/exception.ts
function formatError(exception, compact) {
	let where = "";
	if (!exception.mark) return exception.reason;
	if (exception.mark.name) where += `in "${exception.mark.name}" `;
	where += `(${exception.mark.line + 1}:${exception.mark.column + 1})`;
	if (!compact && exception.mark.snippet) where += `\n\n${exception.mark.snippet}`;
	return `${exception.reason} ${where}`;
}
/**
* A YAML error. Unlike an ordinary `Error`, it adds a source snippet showing
* the location of the problem to the error message, when available.
*
* @category Main
*/
var YAMLException = class YAMLException extends Error {
	reason;
	mark;
	/**
	* Optional `mark` contains source snippet data. Usually, use
	* {@link YAMLException.throwAt} instead of passing it directly.
	*/
	constructor(reason, mark) {
		super();
		this.name = "YAMLException";
		this.reason = reason;
		this.mark = mark;
		this.message = formatError(this, false);
		if (Error.captureStackTrace) Error.captureStackTrace(this, this.constructor);
	}
	/**
	* Returns the formatted error, omitting the source snippet in compact mode.
	*/
	toString(compact) {
		return `${this.name}: ${formatError(this, compact)}`;
	}
	/**
	* Builds a YAMLException with a source snippet and throws it. `source` is
	* the raw input text; `position` is an offset into it.
	*/
	static throwAt(source, position, message, filename = "") {
		let line = 0;
		let lineStart = 0;
		for (let index = 0; index < position; index++) {
			const ch = source.charCodeAt(index);
			if (ch === 10) {
				line++;
				lineStart = index + 1;
			} else if (ch === 13) {
				line++;
				if (source.charCodeAt(index + 1) === 10) index++;
				lineStart = index + 1;
			}
		}
		const mark = {
			name: filename,
			buffer: source,
			position,
			line,
			column: position - lineStart
		};
		mark.snippet = makeSnippet(mark);
		throw new YAMLException(message, mark);
	}
};
//#endregion
//#region src/parser/events.ts
/** @category Events */
var EVENT_ID = {
	DOCUMENT: 1,
	SEQUENCE: 2,
	MAPPING: 3,
	SCALAR: 4,
	ALIAS: 5,
	POP: 6
};
/** @category Nodes */
var SCALAR_STYLE = {
	PLAIN: 1,
	SINGLE_QUOTED: 2,
	DOUBLE_QUOTED: 3,
	LITERAL_BLOCK: 4,
	FOLDED_BLOCK: 5
};
/** @category Nodes */
var COLLECTION_STYLE = {
	BLOCK: 1,
	FLOW: 2
};
/** @category Nodes */
var CHOMPING_MODE = {
	CLIP: 1,
	STRIP: 2,
	KEEP: 3
};
//#endregion
//#region src/parser/parser_scalar.ts
var NO_RANGE$3 = -1;
function simpleEscapeSequence(c) {
	switch (c) {
		case 48: return "\0";
		case 97: return "\x07";
		case 98: return "\b";
		case 116: return "	";
		case 9: return "	";
		case 110: return "\n";
		case 118: return "\v";
		case 102: return "\f";
		case 114: return "\r";
		case 101: return "\x1B";
		case 32: return " ";
		case 34: return "\"";
		case 47: return "/";
		case 92: return "\\";
		case 78: return "";
		case 95: return "\xA0";
		case 76: return "\u2028";
		case 80: return "\u2029";
		default: return "";
	}
}
var simpleEscapeCheck = new Array(256);
var simpleEscapeMap = new Array(256);
for (let i = 0; i < 256; i++) {
	simpleEscapeCheck[i] = simpleEscapeSequence(i) ? 1 : 0;
	simpleEscapeMap[i] = simpleEscapeSequence(i);
}
function charFromCodepoint(c) {
	if (c <= 65535) return String.fromCharCode(c);
	return String.fromCharCode((c - 65536 >> 10) + 55296, (c - 65536 & 1023) + 56320);
}
function fromHexCode$1(c) {
	if (c >= 48 && c <= 57) return c - 48;
	return (c | 32) - 97 + 10;
}
function escapedHexLen$1(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	return 8;
}
function skipFoldedBreaks(input, position, end) {
	let breaks = 0;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10) {
			breaks++;
			position++;
		} else if (ch === 13) {
			breaks++;
			position++;
			if (input.charCodeAt(position) === 10) position++;
		} else if (ch === 32 || ch === 9) position++;
		else break;
	}
	return {
		position,
		breaks
	};
}
function foldedBreaks(count) {
	if (count === 1) return " ";
	return "\n".repeat(count - 1);
}
function getPlainValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, captureEnd);
}
function getSingleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 39) {
			result += input.slice(captureStart, position) + "'";
			position += 2;
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getDoubleQuotedValue(input, start, end) {
	let result = "";
	let position = start;
	let captureStart = start;
	let captureEnd = start;
	while (position < end) {
		const ch = input.charCodeAt(position);
		if (ch === 92) {
			result += input.slice(captureStart, position);
			position++;
			const escaped = input.charCodeAt(position);
			if (escaped === 10 || escaped === 13) position = skipFoldedBreaks(input, position, end).position;
			else if (escaped < 256 && simpleEscapeCheck[escaped]) {
				result += simpleEscapeMap[escaped];
				position++;
			} else {
				let hexLength = escapedHexLen$1(escaped);
				let hexResult = 0;
				for (; hexLength > 0; hexLength--) {
					position++;
					const digit = fromHexCode$1(input.charCodeAt(position));
					hexResult = (hexResult << 4) + digit;
				}
				result += charFromCodepoint(hexResult);
				position++;
			}
			captureStart = captureEnd = position;
		} else if (ch === 10 || ch === 13) {
			result += input.slice(captureStart, captureEnd);
			const fold = skipFoldedBreaks(input, position, end);
			result += foldedBreaks(fold.breaks);
			position = captureStart = captureEnd = fold.position;
		} else {
			position++;
			if (ch !== 32 && ch !== 9) captureEnd = position;
		}
	}
	return result + input.slice(captureStart, end);
}
function getBlockValue(input, start, end, indent, chomping, folded) {
	const textIndent = indent < 0 ? 0 : indent;
	const region = input.slice(start, end).replace(/\r\n?/g, "\n");
	const lines = region === "" ? [] : (region.endsWith("\n") ? region.slice(0, -1) : region).split("\n");
	let result = "";
	let didReadContent = false;
	let emptyLines = 0;
	let atMoreIndented = false;
	for (const line of lines) {
		let column = 0;
		while (column < textIndent && line.charCodeAt(column) === 32) column++;
		if (indent < 0 || column >= line.length) {
			emptyLines++;
			continue;
		}
		const content = line.slice(textIndent);
		const first = content.charCodeAt(0);
		if (folded) {
			if (first === 32 || first === 9) {
				atMoreIndented = true;
				result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
			} else if (atMoreIndented) {
				atMoreIndented = false;
				result += "\n".repeat(emptyLines + 1);
			} else if (emptyLines === 0) {
				if (didReadContent) result += " ";
			} else result += "\n".repeat(emptyLines);
		} else result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
		result += content;
		didReadContent = true;
		emptyLines = 0;
	}
	if (chomping === CHOMPING_MODE.KEEP) result += "\n".repeat(didReadContent ? 1 + emptyLines : emptyLines);
	else if (chomping !== CHOMPING_MODE.STRIP) {
		if (didReadContent) result += "\n";
	}
	return result;
}
/**
* Decodes the scalar referenced by event offsets in `input`.
*
* @category Events
*/
function getScalarValue(input, scalar) {
	if (scalar.valueStart === NO_RANGE$3) return "";
	const { valueStart, valueEnd } = scalar;
	if (scalar.fast) return input.slice(valueStart, valueEnd);
	switch (scalar.style) {
		case SCALAR_STYLE.SINGLE_QUOTED: return getSingleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.DOUBLE_QUOTED: return getDoubleQuotedValue(input, valueStart, valueEnd);
		case SCALAR_STYLE.LITERAL_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, false);
		case SCALAR_STYLE.FOLDED_BLOCK: return getBlockValue(input, valueStart, valueEnd, scalar.indent, scalar.chomping, true);
		default: return getPlainValue(input, valueStart, valueEnd);
	}
}
//#endregion
//#region src/common/tagname.ts
var DEFAULT_TAG_HANDLERS = Object.assign(Object.create(null), {
	"!": "!",
	"!!": "tag:yaml.org,2002:"
});
var TAG_SUFFIX_CHARS = "-#;/?:@&=+$_.~*'()";
var TAG_URI_CHARS = TAG_SUFFIX_CHARS + "!,[]";
var HEX = "0123456789ABCDEF";
function percentByte(byte) {
	return "%" + HEX[byte >> 4] + HEX[byte & 15];
}
function tagPercentEncode(source, isSuffix) {
	const allowed = isSuffix ? TAG_SUFFIX_CHARS : TAG_URI_CHARS;
	let result = "";
	for (let index = 0; index < source.length; index++) {
		let ch = source.charCodeAt(index);
		if (ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || allowed.includes(source[index])) {
			result += source[index];
			continue;
		}
		if (ch >= 55296 && ch <= 56319) ch = 65536 + ((ch & 1023) << 10) + (source.charCodeAt(++index) & 1023);
		if (ch < 128) result += percentByte(ch);
		else if (ch < 2048) result += percentByte(192 | ch >> 6) + percentByte(128 | ch & 63);
		else if (ch < 65536) result += percentByte(224 | ch >> 12) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
		else result += percentByte(240 | ch >> 18) + percentByte(128 | ch >> 12 & 63) + percentByte(128 | ch >> 6 & 63) + percentByte(128 | ch & 63);
	}
	return result;
}
function tagPercentDecode(source) {
	let result = "";
	let index = 0;
	while (index < source.length) {
		if (source.charCodeAt(index) !== 37) {
			result += source[index++];
			continue;
		}
		let ch = parseInt(source.slice(index + 1, index + 3), 16);
		index += 3;
		if (ch >= 192) {
			let remaining = ch < 224 ? 1 : ch < 240 ? 2 : 3;
			ch &= (1 << 6 - remaining) - 1;
			while (remaining-- > 0) {
				ch = ch << 6 | parseInt(source.slice(index + 1, index + 3), 16) & 63;
				index += 3;
			}
		}
		if (ch < 65536) result += String.fromCharCode(ch);
		else {
			ch -= 65536;
			result += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
		}
	}
	return result;
}
function tagNameFull(rawTag, tagHandlers) {
	if (rawTag.startsWith("!<") && rawTag.endsWith(">")) return tagPercentDecode(rawTag.slice(2, -1));
	const handleEnd = rawTag.indexOf("!", 1);
	const handle = handleEnd === -1 ? "!" : rawTag.slice(0, handleEnd + 1);
	return tagPercentDecode(tagHandlers?.[handle] ?? DEFAULT_TAG_HANDLERS[handle] ?? handle) + tagPercentDecode(rawTag.slice(handle.length));
}
function tagNameShort(fullTag) {
	let tag = fullTag;
	if (tag.charCodeAt(0) === 33) {
		tag = tag.slice(1);
		return `!${tagPercentEncode(tag, true)}`;
	}
	if (tag.slice(0, 18) === "tag:yaml.org,2002:") return `!!${tagPercentEncode(tag.slice(18), true)}`;
	return `!<${tagPercentEncode(tag, false)}>`;
}
//#endregion
//#region src/parser/constructor.ts
var NO_RANGE$2 = -1;
var MERGE_TAG_NAME = "tag:yaml.org,2002:merge";
var DEFAULT_CONSTRUCTOR_OPTIONS = {
	filename: "",
	schema: CORE_SCHEMA,
	json: false,
	maxTotalMergeKeys: 1e4,
	maxAliases: -1
};
function eventPosition$1(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE$2) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE$2) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE$2) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function throwError$1(state, message) {
	YAMLException.throwAt(state.source, state.position, message, state.filename);
}
function finalizeCollection(state, position, tag, carrier) {
	try {
		return tag.finalize(carrier);
	} catch (error) {
		if (error instanceof YAMLException) throw error;
		YAMLException.throwAt(state.source, position, error instanceof Error ? error.message : String(error), state.filename);
	}
}
function constructScalar(state, event) {
	const source = getScalarValue(state.source, event);
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	const strTag = state.schema.defaultScalarTag;
	if (rawTag !== "") {
		if (rawTag === "!") return {
			value: source,
			tag: strTag
		};
		const tagName = tagNameFull(rawTag, state.tagHandlers);
		const scalarTag = state.schema.lookupScalarTag(tagName);
		if (scalarTag) {
			const result = scalarTag.resolve(source, true, tagName);
			if (result === NOT_RESOLVED) throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			return {
				value: result,
				tag: scalarTag
			};
		}
		const collectionTagDef = state.schema.lookupMappingTag(tagName) ?? state.schema.lookupSequenceTag(tagName);
		if (collectionTagDef) {
			if (source !== "") throwError$1(state, `cannot resolve a node with !<${tagName}> explicit tag`);
			const carrier = collectionTagDef.create(tagName);
			return {
				value: collectionTagDef.carrierIsResult ? carrier : finalizeCollection(state, state.position, collectionTagDef, carrier),
				tag: collectionTagDef
			};
		}
		throwError$1(state, `unknown scalar tag !<${tagName}>`);
	}
	if (event.style === SCALAR_STYLE.PLAIN) return state.schema.resolveImplicitScalarTag(source);
	return {
		value: strTag.resolve(source, false, strTag.tagName),
		tag: strTag
	};
}
function collectionTagName(state, event, defaultTagName) {
	const rawTag = event.tagStart === NO_RANGE$2 ? "" : state.source.slice(event.tagStart, event.tagEnd);
	return rawTag === "" || rawTag === "!" ? defaultTagName : tagNameFull(rawTag, state.tagHandlers);
}
function isMappingTag(tag) {
	return tag.nodeKind === "mapping";
}
function chargeMergeWork(state) {
	state.totalMergeKeys++;
	if (state.maxTotalMergeKeys !== -1 && state.totalMergeKeys > state.maxTotalMergeKeys) throwError$1(state, `merge keys exceeded maxTotalMergeKeys (${state.maxTotalMergeKeys})`);
}
function mergeKeys(state, frame, source, sourceTag) {
	chargeMergeWork(state);
	for (const sourceKey of sourceTag.keys(source)) {
		chargeMergeWork(state);
		if (frame.tag.has(frame.value, sourceKey)) continue;
		const err = frame.tag.addPair(frame.value, sourceKey, sourceTag.get(source, sourceKey));
		if (err) throwError$1(state, err);
		frame.overridable ??= /* @__PURE__ */ new Set();
		frame.overridable.add(sourceKey);
	}
}
function mergeSource(state, frame, source, sourceTag) {
	state.position = frame.keyPosition;
	if (isMappingTag(sourceTag)) mergeKeys(state, frame, source, sourceTag);
	else if (sourceTag.nodeKind === "sequence" && Array.isArray(source)) {
		if (source.length > 100) throwError$1(state, "abnormal merge sequence size");
		for (const element of source) {
			const elementTag = state.nodeTags.get(element);
			if (!elementTag) throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
			mergeKeys(state, frame, element, elementTag);
		}
	} else throwError$1(state, "cannot merge mappings; the provided source object is unacceptable");
}
function addMappingValue(state, frame, key, value, tag) {
	state.position = frame.keyPosition;
	if (frame.keyIsMerge) {
		mergeSource(state, frame, value, tag);
		return;
	}
	if (!state.json && frame.tag.has(frame.value, key) && !frame.overridable?.has(key)) throwError$1(state, "duplicated mapping key");
	const err = frame.tag.addPair(frame.value, key, value);
	if (err) throwError$1(state, err);
	frame.overridable?.delete(key);
}
function addValue(state, value, tag) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") {
		frame.value = value;
		frame.hasValue = true;
	} else if (frame.kind === "sequence") {
		if (isMappingTag(tag)) state.nodeTags.set(value, tag);
		const err = frame.tag.addItem(frame.value, value, frame.index++);
		if (err) throwError$1(state, err);
	} else if (frame.hasKey) {
		const key = frame.key;
		frame.key = void 0;
		frame.hasKey = false;
		addMappingValue(state, frame, key, value, tag);
	} else {
		frame.key = value;
		frame.keyPosition = state.position;
		frame.hasKey = true;
		frame.keyIsMerge = tag.tagName === MERGE_TAG_NAME;
	}
}
function storeAnchor(state, event, value, tag, isValueFinal) {
	if (event.anchorStart !== NO_RANGE$2) {
		const anchor = {
			value,
			tag,
			isValueFinal
		};
		state.anchors.set(state.source.slice(event.anchorStart, event.anchorEnd), anchor);
		return anchor;
	}
	return null;
}
/**
* Constructs JavaScript documents directly from parser events, without an
* intermediate AST.
*
* @category Events
*/
function constructFromEvents(events, options) {
	const state = {
		...DEFAULT_CONSTRUCTOR_OPTIONS,
		...options,
		events,
		documents: [],
		eventIndex: 0,
		position: 0,
		frames: [],
		anchors: /* @__PURE__ */ new Map(),
		nodeTags: /* @__PURE__ */ new Map(),
		tagHandlers: Object.create(null),
		totalMergeKeys: 0,
		aliasCount: 0
	};
	while (state.eventIndex < state.events.length) {
		const event = state.events[state.eventIndex++];
		state.position = eventPosition$1(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT:
				state.anchors = /* @__PURE__ */ new Map();
				state.nodeTags = /* @__PURE__ */ new Map();
				state.aliasCount = 0;
				state.tagHandlers = Object.create(null);
				for (const directive of event.directives) if (directive.kind === "tag") state.tagHandlers[directive.handle] = directive.prefix;
				state.frames.push({
					kind: "document",
					position: state.position,
					value: void 0,
					hasValue: false
				});
				break;
			case EVENT_ID.SCALAR: {
				const { value, tag } = constructScalar(state, event);
				storeAnchor(state, event, value, tag, true);
				addValue(state, value, tag);
				break;
			}
			case EVENT_ID.SEQUENCE: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:seq");
				const tag = state.schema.lookupSequenceTag(tagName);
				if (!tag) throwError$1(state, `unknown sequence tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "sequence",
					position: state.position,
					value,
					tag,
					anchor,
					index: 0
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const tagName = collectionTagName(state, event, "tag:yaml.org,2002:map");
				const tag = state.schema.lookupMappingTag(tagName);
				if (!tag) throwError$1(state, `unknown mapping tag !<${tagName}>`);
				const value = tag.create(tagName);
				const anchor = storeAnchor(state, event, value, tag, tag.carrierIsResult);
				state.frames.push({
					kind: "mapping",
					position: state.position,
					value,
					tag,
					anchor,
					key: void 0,
					keyPosition: state.position,
					hasKey: false,
					keyIsMerge: false,
					overridable: null
				});
				break;
			}
			case EVENT_ID.ALIAS: {
				if (state.maxAliases !== -1 && ++state.aliasCount > state.maxAliases) throwError$1(state, `aliases exceeded maxAliases (${state.maxAliases})`);
				const name = state.source.slice(event.anchorStart, event.anchorEnd);
				const anchor = state.anchors.get(name);
				if (!anchor) throwError$1(state, `unidentified alias "${name}"`);
				if (!anchor.isValueFinal) throwError$1(state, `recursive alias "${name}" is not supported for tag ${anchor.tag.tagName} because it uses finalize()`);
				addValue(state, anchor.value, anchor.tag);
				break;
			}
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.hasKey) {
					state.position = frame.keyPosition;
					throwError$1(state, "incomplete mapping pair in event stream");
				}
				if (frame.kind === "document") state.documents.push(frame.value);
				else {
					const value = frame.tag.carrierIsResult ? frame.value : finalizeCollection(state, frame.position, frame.tag, frame.value);
					if (frame.anchor) {
						frame.anchor.value = value;
						frame.anchor.isValueFinal = true;
					}
					addValue(state, value, frame.tag);
				}
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/parser/parser.ts
var NO_RANGE$1 = -1;
var HAS_OWN = Object.prototype.hasOwnProperty;
var CONTEXT_FLOW_IN = 1;
var CONTEXT_FLOW_OUT = 2;
var CONTEXT_BLOCK_IN = 3;
var CONTEXT_BLOCK_OUT = 4;
var PATTERN_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
var PATTERN_FLOW_INDICATORS = /[,\[\]{}]/;
var PATTERN_TAG_HANDLE = /^(?:!|!!|![0-9A-Za-z-]+!)$/;
var NS_URI_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$,_.!~*'()\[\]])`;
var NS_TAG_CHAR = String.raw`(?:%[0-9A-Fa-f]{2}|[0-9A-Za-z\-#;/?:@&=+$.~*'()_])`;
var PATTERN_TAG_URI = new RegExp(`^(?:${NS_URI_CHAR})*$`);
var PATTERN_TAG_SUFFIX = new RegExp(`^(?:${NS_TAG_CHAR})+$`);
var PATTERN_TAG_PREFIX = new RegExp(`^(?:!(?:${NS_URI_CHAR})*|${NS_TAG_CHAR}(?:${NS_URI_CHAR})*)$`);
var DEFAULT_PARSER_OPTIONS = {
	filename: "",
	maxDepth: 100
};
function addDocumentEvent(state, explicitStart, explicitEnd) {
	state.events.push({
		type: EVENT_ID.DOCUMENT,
		explicitStart,
		explicitEnd,
		directives: state.directives
	});
}
function addSequenceEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.SEQUENCE,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function addMappingEvent(state, start, anchorStart, anchorEnd, tagStart, tagEnd, style) {
	state.events.push({
		type: EVENT_ID.MAPPING,
		start,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style
	});
}
function insertFlowPairMappingEvent(state, snapshot) {
	state.events.splice(snapshot.eventsLength, 0, {
		type: EVENT_ID.MAPPING,
		start: snapshot.position,
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1,
		style: COLLECTION_STYLE.FLOW
	});
}
function addScalarEvent(state, valueStart, valueEnd, anchorStart, anchorEnd, tagStart, tagEnd, style, chomping = CHOMPING_MODE.CLIP, indent = -1, fast = false) {
	state.events.push({
		type: EVENT_ID.SCALAR,
		valueStart,
		valueEnd,
		anchorStart,
		anchorEnd,
		tagStart,
		tagEnd,
		style,
		chomping,
		indent,
		fast
	});
}
function addAliasEvent(state, anchorStart, anchorEnd) {
	state.events.push({
		type: EVENT_ID.ALIAS,
		anchorStart,
		anchorEnd
	});
}
function addPopEvent(state) {
	state.events.push({ type: EVENT_ID.POP });
}
function addEmptyScalarEvent(state) {
	addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, NO_RANGE$1, SCALAR_STYLE.PLAIN);
}
function emptyProperties() {
	return {
		anchorStart: NO_RANGE$1,
		anchorEnd: NO_RANGE$1,
		tagStart: NO_RANGE$1,
		tagEnd: NO_RANGE$1
	};
}
function snapshotState(state) {
	return {
		position: state.position,
		line: state.line,
		lineStart: state.lineStart,
		lineIndent: state.lineIndent,
		firstTabInLine: state.firstTabInLine,
		eventsLength: state.events.length
	};
}
function restoreState(state, snapshot) {
	state.position = snapshot.position;
	state.line = snapshot.line;
	state.lineStart = snapshot.lineStart;
	state.lineIndent = snapshot.lineIndent;
	state.firstTabInLine = snapshot.firstTabInLine;
	state.events.length = snapshot.eventsLength;
}
function throwError(state, message) {
	YAMLException.throwAt(state.input.slice(0, state.length), state.position, message, state.filename);
}
function isEol(c) {
	return c === 10 || c === 13;
}
function isWhiteSpace(c) {
	return c === 9 || c === 32;
}
function isWsOrEol(c) {
	return isWhiteSpace(c) || isEol(c);
}
function isWsOrEolOrEnd(c) {
	return c === 0 || isWsOrEol(c);
}
function isFlowIndicator(c) {
	return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}
function fromDecimalCode(c) {
	return c >= 48 && c <= 57 ? c - 48 : -1;
}
function fromHexCode(c) {
	if (c >= 48 && c <= 57) return c - 48;
	const lc = c | 32;
	if (lc >= 97 && lc <= 102) return lc - 97 + 10;
	return -1;
}
function escapedHexLen(c) {
	if (c === 120) return 2;
	if (c === 117) return 4;
	if (c === 85) return 8;
	return 0;
}
function isSimpleEscape(c) {
	return c === 48 || c === 97 || c === 98 || c === 116 || c === 9 || c === 110 || c === 118 || c === 102 || c === 114 || c === 101 || c === 32 || c === 34 || c === 47 || c === 92 || c === 78 || c === 95 || c === 76 || c === 80;
}
function consumeLineBreak(state) {
	if (state.input.charCodeAt(state.position) === 10) state.position++;
	else {
		state.position++;
		if (state.input.charCodeAt(state.position) === 10) state.position++;
	}
	state.line++;
	state.lineStart = state.position;
	state.lineIndent = 0;
	state.firstTabInLine = -1;
}
function skipSeparationSpace(state, allowComments) {
	let lineBreaks = 0;
	let ch = state.input.charCodeAt(state.position);
	let hasSeparation = state.position === state.lineStart || isWsOrEol(state.input.charCodeAt(state.position - 1));
	while (ch !== 0) {
		while (isWhiteSpace(ch)) {
			hasSeparation = true;
			if (ch === 9 && state.firstTabInLine === -1) state.firstTabInLine = state.position;
			ch = state.input.charCodeAt(++state.position);
		}
		if (allowComments && hasSeparation && ch === 35) do
			ch = state.input.charCodeAt(++state.position);
		while (!isEol(ch) && ch !== 0);
		if (!isEol(ch)) break;
		consumeLineBreak(state);
		lineBreaks++;
		hasSeparation = true;
		ch = state.input.charCodeAt(state.position);
		while (ch === 32) {
			state.lineIndent++;
			ch = state.input.charCodeAt(++state.position);
		}
	}
	return lineBreaks;
}
function testDocumentSeparator(state, position = state.position) {
	const ch = state.input.charCodeAt(position);
	if ((ch === 45 || ch === 46) && ch === state.input.charCodeAt(position + 1) && ch === state.input.charCodeAt(position + 2)) {
		const following = state.input.charCodeAt(position + 3);
		return following === 0 || isWsOrEol(following);
	}
	return false;
}
function skipByteOrderMark(state) {
	if (state.position === state.lineStart && state.input.charCodeAt(state.position) === 65279) {
		state.position++;
		state.lineStart = state.position;
	}
}
function testDocumentBoundary(state) {
	if (state.position !== state.lineStart) return false;
	if (testDocumentSeparator(state)) return true;
	if (state.input.charCodeAt(state.position) !== 65279) return false;
	const snapshot = snapshotState(state);
	skipByteOrderMark(state);
	skipSeparationSpace(state, true);
	const ch = state.input.charCodeAt(state.position);
	const result = state.position === state.lineStart && (ch === 37 || ch === 45 && testDocumentSeparator(state));
	restoreState(state, snapshot);
	return result;
}
function skipUntilLineEnd(state) {
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0 && !isEol(ch)) ch = state.input.charCodeAt(++state.position);
}
function checkPrintable(state, start, end) {
	const match = PATTERN_NON_PRINTABLE.exec(state.input.slice(start, end));
	if (match !== null) {
		state.position = start + match.index + match[0].length - 1;
		throwError(state, "the stream contains non-printable characters");
	}
}
function readTagProperty(state, props, inFlow) {
	if (state.input.charCodeAt(state.position) !== 33) return false;
	if (props.tagStart !== NO_RANGE$1) throwError(state, "duplication of a tag property");
	const start = state.position;
	let isVerbatim = false;
	let isNamed = false;
	let tagHandle = "!";
	let ch = state.input.charCodeAt(++state.position);
	if (ch === 60) {
		isVerbatim = true;
		ch = state.input.charCodeAt(++state.position);
	} else if (ch === 33) {
		isNamed = true;
		tagHandle = "!!";
		ch = state.input.charCodeAt(++state.position);
	}
	let suffixStart = state.position;
	let tagName;
	if (isVerbatim) {
		while (ch !== 0 && ch !== 62) ch = state.input.charCodeAt(++state.position);
		if (ch !== 62) throwError(state, "unexpected end of the stream within a verbatim tag");
		tagName = state.input.slice(suffixStart, state.position);
		state.position++;
	} else {
		while (ch !== 0 && !isWsOrEol(ch) && !(inFlow && isFlowIndicator(ch))) {
			if (ch === 33) {
				if (!isNamed) {
					tagHandle = state.input.slice(suffixStart - 1, state.position + 1);
					if (!PATTERN_TAG_HANDLE.test(tagHandle)) throwError(state, "named tag handle cannot contain such characters");
					isNamed = true;
					suffixStart = state.position + 1;
				} else throwError(state, "tag suffix cannot contain exclamation marks");
			}
			ch = state.input.charCodeAt(++state.position);
		}
		tagName = state.input.slice(suffixStart, state.position);
		if (PATTERN_FLOW_INDICATORS.test(tagName)) throwError(state, "tag suffix cannot contain flow indicator characters");
	}
	if (tagName && !(isVerbatim ? PATTERN_TAG_URI.test(tagName) : PATTERN_TAG_SUFFIX.test(tagName))) throwError(state, `tag name cannot contain such characters: ${tagName}`);
	if (!isVerbatim && tagHandle !== "!" && tagHandle !== "!!" && !HAS_OWN.call(state.tagHandlers, tagHandle)) throwError(state, `undeclared tag handle "${tagHandle}"`);
	props.tagStart = start;
	props.tagEnd = state.position;
	return true;
}
function readAnchorProperty(state, props) {
	if (state.input.charCodeAt(state.position) !== 38) return false;
	if (props.anchorStart !== NO_RANGE$1) throwError(state, "duplication of an anchor property");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an anchor node must contain at least one character");
	props.anchorStart = start;
	props.anchorEnd = state.position;
	return true;
}
function readAlias(state, props) {
	if (state.input.charCodeAt(state.position) !== 42) return false;
	if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) throwError(state, "alias node should not have any properties");
	state.position++;
	const start = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position)) && !isFlowIndicator(state.input.charCodeAt(state.position))) state.position++;
	if (state.position === start) throwError(state, "name of an alias node must contain at least one character");
	addAliasEvent(state, start, state.position);
	return true;
}
function readFlowScalarBreak(state, nodeIndent) {
	skipSeparationSpace(state, false);
	if (state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readSingleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 39) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 39) {
			if (state.input.charCodeAt(state.position + 1) === 39) {
				simple = false;
				state.position += 2;
				continue;
			}
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.SINGLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a single quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a single quoted scalar");
}
function readDoubleQuotedScalar(state, nodeIndent, props) {
	if (state.input.charCodeAt(state.position) !== 34) return false;
	state.position++;
	const start = state.position;
	let simple = true;
	while (state.input.charCodeAt(state.position) !== 0) {
		const ch = state.input.charCodeAt(state.position);
		if (ch === 34) {
			const end = state.position;
			state.position++;
			addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.DOUBLE_QUOTED, CHOMPING_MODE.CLIP, -1, simple);
			return true;
		}
		if (ch === 92) {
			simple = false;
			const escaped = state.input.charCodeAt(++state.position);
			if (isEol(escaped)) readFlowScalarBreak(state, nodeIndent);
			else if (isSimpleEscape(escaped)) state.position++;
			else {
				let hexLength = escapedHexLen(escaped);
				if (hexLength === 0) throwError(state, "unknown escape sequence");
				while (hexLength-- > 0) {
					state.position++;
					if (fromHexCode(state.input.charCodeAt(state.position)) < 0) throwError(state, "expected hexadecimal character");
				}
				state.position++;
			}
		} else if (isEol(ch)) {
			simple = false;
			readFlowScalarBreak(state, nodeIndent);
		} else if (state.position === state.lineStart && testDocumentSeparator(state)) throwError(state, "unexpected end of the document within a double quoted scalar");
		else if (ch !== 9 && ch < 32) throwError(state, "expected valid JSON character");
		else state.position++;
	}
	throwError(state, "unexpected end of the stream within a double quoted scalar");
}
function readBlockScalar(state, parentIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	let chomping = CHOMPING_MODE.CLIP;
	let indent = -1;
	let detectedIndent = false;
	if (ch !== 124 && ch !== 62) return false;
	const style = ch === 124 ? SCALAR_STYLE.LITERAL_BLOCK : SCALAR_STYLE.FOLDED_BLOCK;
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		const current = state.input.charCodeAt(state.position);
		const digit = fromDecimalCode(current);
		if (current === 43 || current === 45) {
			if (chomping !== CHOMPING_MODE.CLIP) throwError(state, "repeat of a chomping mode identifier");
			chomping = current === 43 ? CHOMPING_MODE.KEEP : CHOMPING_MODE.STRIP;
			state.position++;
		} else if (digit >= 0) {
			if (digit === 0) throwError(state, "bad explicit indentation width of a block scalar; it cannot be less than one");
			if (detectedIndent) throwError(state, "repeat of an indentation width identifier");
			indent = parentIndent + digit - 1;
			detectedIndent = true;
			state.position++;
		} else break;
	}
	let hadWhitespace = false;
	while (isWhiteSpace(state.input.charCodeAt(state.position))) {
		hadWhitespace = true;
		state.position++;
	}
	if (hadWhitespace && state.input.charCodeAt(state.position) === 35) skipUntilLineEnd(state);
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	else if (state.input.charCodeAt(state.position) !== 0) throwError(state, "a line break is expected");
	let contentIndent = detectedIndent ? indent : -1;
	let maxLeadingIndent = 0;
	const valueStart = state.position;
	let valueEnd = state.position;
	while (state.input.charCodeAt(state.position) !== 0) {
		const linePosition = state.position;
		let column = 0;
		while (state.input.charCodeAt(linePosition + column) === 32) column++;
		const first = state.input.charCodeAt(linePosition + column);
		if (first === 0) {
			if (contentIndent >= 0) {
				if (column > contentIndent) valueEnd = linePosition + column;
			} else if (column > 0) valueEnd = linePosition + column;
			break;
		}
		if (testDocumentBoundary(state)) break;
		if (!detectedIndent && contentIndent === -1 && isEol(first)) maxLeadingIndent = Math.max(maxLeadingIndent, column);
		if (!detectedIndent && contentIndent === -1 && !isEol(first)) {
			if (first === 9 && column < parentIndent) {
				state.position = linePosition + column;
				throwError(state, "tab characters must not be used in indentation");
			}
			if (column >= parentIndent && column < maxLeadingIndent) {
				state.position = linePosition + column;
				throwError(state, "bad indentation of a mapping entry");
			}
		}
		if (contentIndent === -1 && first !== 0 && !isEol(first) && column < parentIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		if (!detectedIndent && first !== 0 && !isEol(first) && contentIndent === -1) contentIndent = column;
		const requiredIndent = contentIndent === -1 ? parentIndent + 1 : contentIndent;
		if (first !== 0 && !isEol(first) && column < requiredIndent) {
			state.lineIndent = column;
			state.position = linePosition + column;
			break;
		}
		skipUntilLineEnd(state);
		valueEnd = state.position;
		if (isEol(state.input.charCodeAt(state.position))) {
			consumeLineBreak(state);
			valueEnd = state.position;
		}
	}
	checkPrintable(state, valueStart, valueEnd);
	addScalarEvent(state, valueStart, valueEnd, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, style, chomping, contentIndent);
	return true;
}
function canStartPlainScalar(state, nodeContext) {
	const ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	if (ch === 0 || isWsOrEol(ch) || ch === 35 || ch === 38 || ch === 42 || ch === 33 || ch === 124 || ch === 62 || ch === 39 || ch === 34 || ch === 37 || ch === 64 || ch === 96 || isFlowIndicator(ch)) return false;
	if (ch === 63 || ch === 45) {
		const following = state.input.charCodeAt(state.position + 1);
		if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) return false;
	}
	return true;
}
function readPlainScalar(state, nodeIndent, nodeContext, props) {
	if (!canStartPlainScalar(state, nodeContext)) return false;
	const start = state.position;
	let end = state.position;
	let ch = state.input.charCodeAt(state.position);
	const inFlow = nodeContext === CONTEXT_FLOW_IN;
	let multiline = false;
	while (ch !== 0) {
		if (testDocumentBoundary(state)) break;
		if (ch === 58) {
			const following = state.input.charCodeAt(state.position + 1);
			if (isWsOrEolOrEnd(following) || inFlow && isFlowIndicator(following)) break;
		} else if (ch === 35) {
			if (isWsOrEol(state.input.charCodeAt(state.position - 1))) break;
		} else if (inFlow && isFlowIndicator(ch)) break;
		else if (isEol(ch)) {
			const savedPosition = state.position;
			const savedLine = state.line;
			const savedLineStart = state.lineStart;
			const savedLineIndent = state.lineIndent;
			skipSeparationSpace(state, false);
			if (state.lineIndent >= nodeIndent) {
				multiline = true;
				ch = state.input.charCodeAt(state.position);
				continue;
			}
			state.position = savedPosition;
			state.line = savedLine;
			state.lineStart = savedLineStart;
			state.lineIndent = savedLineIndent;
			break;
		}
		if (!isWhiteSpace(ch)) end = state.position + 1;
		ch = state.input.charCodeAt(++state.position);
	}
	if (end === start) return false;
	checkPrintable(state, start, end);
	addScalarEvent(state, start, end, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN, CHOMPING_MODE.CLIP, -1, !multiline);
	return true;
}
function skipFlowSeparationSpace(state, nodeIndent) {
	const startLine = state.line;
	skipSeparationSpace(state, true);
	if (state.line > startLine && state.lineIndent < nodeIndent || state.firstTabInLine !== -1 && state.lineIndent < nodeIndent) throwError(state, "deficient indentation");
}
function readFlowCollection(state, nodeIndent, props) {
	const ch = state.input.charCodeAt(state.position);
	const isMapping = ch === 123;
	const start = state.position;
	let readNext = true;
	if (ch !== 91 && ch !== 123) return false;
	const terminator = isMapping ? 125 : 93;
	if (isMapping) addMappingEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	else addSequenceEvent(state, start, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.FLOW);
	state.position++;
	while (state.input.charCodeAt(state.position) !== 0) {
		skipFlowSeparationSpace(state, nodeIndent);
		let ch = state.input.charCodeAt(state.position);
		if (ch === terminator) {
			state.position++;
			addPopEvent(state);
			return true;
		} else if (!readNext) throwError(state, "missed comma between flow collection entries");
		else if (ch === 44) throwError(state, "expected the node content, but found ','");
		let isPair = false;
		let isExplicitPair = false;
		if (ch === 63 && isWsOrEol(state.input.charCodeAt(state.position + 1))) {
			isPair = isExplicitPair = true;
			state.position += 1;
			skipFlowSeparationSpace(state, nodeIndent);
		}
		const entryLine = state.line;
		const entryStart = snapshotState(state);
		const keyWasRead = parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true);
		skipFlowSeparationSpace(state, nodeIndent);
		ch = state.input.charCodeAt(state.position);
		if ((isMapping || isExplicitPair || state.line === entryLine) && ch === 58) {
			isPair = true;
			state.position++;
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) {
				insertFlowPairMappingEvent(state, entryStart);
				if (!keyWasRead) addEmptyScalarEvent(state);
			} else if (!keyWasRead) addEmptyScalarEvent(state);
			if (!parseNode(state, nodeIndent, CONTEXT_FLOW_IN, false, true)) addEmptyScalarEvent(state);
			skipFlowSeparationSpace(state, nodeIndent);
			if (!isMapping) addPopEvent(state);
		} else if (isMapping && isPair) {
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
		} else if (isMapping) addEmptyScalarEvent(state);
		else if (isPair) {
			insertFlowPairMappingEvent(state, entryStart);
			if (!keyWasRead) addEmptyScalarEvent(state);
			addEmptyScalarEvent(state);
			addPopEvent(state);
		}
		ch = state.input.charCodeAt(state.position);
		if (ch === 44) {
			readNext = true;
			state.position++;
		} else readNext = false;
	}
	throwError(state, "unexpected end of the stream within a flow collection");
}
function readBlockSequence(state, nodeIndent, props) {
	if (state.firstTabInLine !== -1 || state.input.charCodeAt(state.position) !== 45 || !isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) return false;
	addSequenceEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
	while (state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) {
		if (state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const entryLine = state.line;
		state.position++;
		const hadBreak = skipSeparationSpace(state, true) > 0;
		if (state.firstTabInLine !== -1 && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
		if (hadBreak && state.lineIndent <= nodeIndent) addEmptyScalarEvent(state);
		else parseNode(state, nodeIndent, CONTEXT_BLOCK_IN, false, true);
		skipSeparationSpace(state, true);
		if (state.lineIndent < nodeIndent || state.position >= state.length) break;
		if (state.lineIndent > nodeIndent) throwError(state, "bad indentation of a sequence entry");
		if (state.line === entryLine && state.input.charCodeAt(state.position) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 1))) throwError(state, "bad indentation of a sequence entry");
	}
	addPopEvent(state);
	return true;
}
function readBlockMapping(state, nodeIndent, flowIndent, props) {
	let atExplicitKey = false;
	let detected = false;
	let mappingOpened = false;
	let pendingExplicitKey = false;
	if (state.firstTabInLine !== -1) return false;
	let ch = state.input.charCodeAt(state.position);
	while (ch !== 0) {
		if (!atExplicitKey && state.firstTabInLine !== -1) {
			state.position = state.firstTabInLine;
			throwError(state, "tab characters must not be used in indentation");
		}
		const following = state.input.charCodeAt(state.position + 1);
		const entryLine = state.line;
		if ((ch === 63 || ch === 58) && isWsOrEolOrEnd(following)) {
			if (!mappingOpened) {
				addMappingEvent(state, state.position, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, COLLECTION_STYLE.BLOCK);
				mappingOpened = true;
			}
			if (ch === 63) {
				if (atExplicitKey) addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = true;
			} else if (atExplicitKey) atExplicitKey = false;
			else {
				addEmptyScalarEvent(state);
				detected = true;
				atExplicitKey = false;
			}
			state.position += 1;
			pendingExplicitKey = true;
		} else {
			if (atExplicitKey) {
				addEmptyScalarEvent(state);
				atExplicitKey = false;
			}
			const beforeKey = snapshotState(state);
			if (!parseNode(state, flowIndent, CONTEXT_FLOW_OUT, false, true)) break;
			if (state.line === entryLine) {
				ch = state.input.charCodeAt(state.position);
				while (isWhiteSpace(ch)) ch = state.input.charCodeAt(++state.position);
				if (ch === 58) {
					ch = state.input.charCodeAt(++state.position);
					if (!isWsOrEolOrEnd(ch)) throwError(state, "a whitespace character is expected after the key-value separator within a block mapping");
					if (!mappingOpened) {
						state.events.splice(beforeKey.eventsLength, 0, {
							type: EVENT_ID.MAPPING,
							start: beforeKey.position,
							anchorStart: props.anchorStart,
							anchorEnd: props.anchorEnd,
							tagStart: props.tagStart,
							tagEnd: props.tagEnd,
							style: COLLECTION_STYLE.BLOCK
						});
						mappingOpened = true;
					}
					detected = true;
					atExplicitKey = false;
					pendingExplicitKey = false;
				} else if (detected) throwError(state, "expected ':' after a mapping key");
				else {
					if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
						restoreState(state, beforeKey);
						return false;
					}
					return true;
				}
			} else if (detected) throwError(state, "can not read a block mapping entry; a multiline key may not be an implicit key");
			else {
				if (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1) {
					restoreState(state, beforeKey);
					return false;
				}
				return true;
			}
		}
		if (parseNode(state, nodeIndent, CONTEXT_BLOCK_OUT, true, pendingExplicitKey)) pendingExplicitKey = false;
		if (!atExplicitKey) {
			if (pendingExplicitKey) {
				addEmptyScalarEvent(state);
				pendingExplicitKey = false;
			}
		}
		skipSeparationSpace(state, true);
		ch = state.input.charCodeAt(state.position);
		if ((state.line === entryLine || state.lineIndent > nodeIndent) && ch !== 0) throwError(state, "bad indentation of a mapping entry");
		else if (state.lineIndent < nodeIndent) break;
	}
	if (!detected) return false;
	if (atExplicitKey) addEmptyScalarEvent(state);
	if (mappingOpened) addPopEvent(state);
	return true;
}
function parseNode(state, parentIndent, nodeContext, allowToSeek, allowCompact, allowPropertyMapping = true) {
	if (state.depth >= state.maxDepth) throwError(state, `nesting exceeded maxDepth (${state.maxDepth})`);
	state.depth++;
	let indentStatus = 1;
	let atNewLine = false;
	let hasContent = false;
	let propertyStart = null;
	const props = emptyProperties();
	let allowBlockScalars = nodeContext === CONTEXT_BLOCK_OUT || nodeContext === CONTEXT_BLOCK_IN;
	let allowBlockCollections = allowBlockScalars;
	const allowBlockStyles = allowBlockScalars;
	if (allowToSeek && skipSeparationSpace(state, true)) {
		atNewLine = true;
		if (state.lineIndent > parentIndent) indentStatus = 1;
		else if (state.lineIndent === parentIndent) indentStatus = 0;
		else indentStatus = -1;
	}
	if (indentStatus === 1) while (true) {
		const ch = state.input.charCodeAt(state.position);
		const propertyState = snapshotState(state);
		if (atNewLine && indentStatus !== 1 && (ch === 33 || ch === 38)) break;
		if (atNewLine && allowBlockStyles && (props.tagStart !== NO_RANGE$1 || props.anchorStart !== NO_RANGE$1) && (ch === 33 || ch === 38)) {
			const fallbackState = snapshotState(state);
			const flowIndent = parentIndent + 1;
			if (readBlockMapping(state, state.position - state.lineStart, flowIndent, props) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) {
				state.depth--;
				return true;
			}
			restoreState(state, fallbackState);
		}
		if (atNewLine && (ch === 33 && props.tagStart !== NO_RANGE$1 || ch === 38 && props.anchorStart !== NO_RANGE$1)) break;
		if (!readTagProperty(state, props, nodeContext === CONTEXT_FLOW_IN) && !readAnchorProperty(state, props)) break;
		if (propertyStart === null) propertyStart = propertyState;
		if (skipSeparationSpace(state, true)) {
			atNewLine = true;
			allowBlockCollections = allowBlockStyles;
			if (state.lineIndent > parentIndent) indentStatus = 1;
			else if (state.lineIndent === parentIndent) indentStatus = 0;
			else indentStatus = -1;
		} else allowBlockCollections = false;
	}
	if (allowBlockCollections) allowBlockCollections = atNewLine || allowCompact;
	if (indentStatus === 1 || nodeContext === CONTEXT_BLOCK_OUT) {
		const flowIndent = nodeContext === CONTEXT_FLOW_IN || nodeContext === CONTEXT_FLOW_OUT ? parentIndent : parentIndent + 1;
		const blockIndent = state.position - state.lineStart;
		if (indentStatus === 1) {
			if (allowBlockCollections && (readBlockSequence(state, blockIndent, props) || readBlockMapping(state, blockIndent, flowIndent, props)) || readFlowCollection(state, flowIndent, props)) hasContent = true;
			else {
				const ch = state.input.charCodeAt(state.position);
				if (propertyStart !== null && allowPropertyMapping && allowBlockStyles && !allowBlockCollections && ch !== 124 && ch !== 62) {
					const fallbackState = snapshotState(state);
					const propertyIndent = propertyStart.position - propertyStart.lineStart;
					restoreState(state, propertyStart);
					if (readBlockMapping(state, propertyIndent, flowIndent, emptyProperties()) && state.events[fallbackState.eventsLength]?.type === EVENT_ID.MAPPING) hasContent = true;
					else restoreState(state, fallbackState);
				}
				if (!hasContent && (allowBlockScalars && readBlockScalar(state, flowIndent, props) || readSingleQuotedScalar(state, flowIndent, props) || readDoubleQuotedScalar(state, flowIndent, props) || readAlias(state, props) || readPlainScalar(state, flowIndent, nodeContext, props))) hasContent = true;
			}
		} else if (indentStatus === 0) hasContent = allowBlockCollections && readBlockSequence(state, blockIndent, props);
	}
	allowBlockScalars = allowBlockScalars && !hasContent;
	if (!hasContent && (props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1 || allowBlockScalars)) {
		addScalarEvent(state, NO_RANGE$1, NO_RANGE$1, props.anchorStart, props.anchorEnd, props.tagStart, props.tagEnd, SCALAR_STYLE.PLAIN);
		hasContent = true;
	}
	state.depth--;
	return hasContent || props.anchorStart !== NO_RANGE$1 || props.tagStart !== NO_RANGE$1;
}
function readDirective(state) {
	if (state.lineIndent > 0 || state.input.charCodeAt(state.position) !== 37) return false;
	state.position++;
	const nameStart = state.position;
	while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
	const name = state.input.slice(nameStart, state.position);
	const args = [];
	if (name.length === 0) throwError(state, "directive name must not be less than one character in length");
	while (state.input.charCodeAt(state.position) !== 0 && !isEol(state.input.charCodeAt(state.position))) {
		while (isWhiteSpace(state.input.charCodeAt(state.position))) state.position++;
		if (state.input.charCodeAt(state.position) === 35 || isEol(state.input.charCodeAt(state.position)) || state.input.charCodeAt(state.position) === 0) break;
		const start = state.position;
		while (state.input.charCodeAt(state.position) !== 0 && !isWsOrEol(state.input.charCodeAt(state.position))) state.position++;
		args.push(state.input.slice(start, state.position));
	}
	if (isEol(state.input.charCodeAt(state.position))) consumeLineBreak(state);
	if (name === "YAML") {
		if (state.directives.some((directive) => directive.kind === "yaml")) throwError(state, "duplication of %YAML directive");
		if (args.length !== 1) throwError(state, "YAML directive accepts exactly one argument");
		const match = /^([0-9]+)\.([0-9]+)$/.exec(args[0]);
		if (match === null) throwError(state, "ill-formed argument of the YAML directive");
		if (parseInt(match[1], 10) !== 1) throwError(state, "unacceptable YAML version of the document");
		state.directives.push({
			kind: "yaml",
			version: args[0]
		});
	} else if (name === "TAG") {
		if (args.length !== 2) throwError(state, "TAG directive accepts exactly two arguments");
		const [handle, prefix] = args;
		if (!PATTERN_TAG_HANDLE.test(handle)) throwError(state, "ill-formed tag handle (first argument) of the TAG directive");
		if (HAS_OWN.call(state.tagHandlers, handle)) throwError(state, `there is a previously declared suffix for "${handle}" tag handle`);
		if (!PATTERN_TAG_PREFIX.test(prefix)) throwError(state, "ill-formed tag prefix (second argument) of the TAG directive");
		state.tagHandlers[handle] = prefix;
		state.directives.push({
			kind: "tag",
			handle,
			prefix
		});
	}
	return true;
}
function readDocument(state) {
	state.directives = [];
	state.tagHandlers = Object.create(null);
	let hasDirectives = false;
	skipSeparationSpace(state, true);
	while (readDirective(state)) {
		hasDirectives = true;
		skipSeparationSpace(state, true);
	}
	let explicitStart = false;
	let explicitEnd = false;
	let allowCompact = true;
	if (state.lineIndent === 0 && state.input.charCodeAt(state.position) === 45 && state.input.charCodeAt(state.position + 1) === 45 && state.input.charCodeAt(state.position + 2) === 45 && isWsOrEolOrEnd(state.input.charCodeAt(state.position + 3))) {
		explicitStart = true;
		const markerLine = state.line;
		state.position += 3;
		skipSeparationSpace(state, true);
		allowCompact = state.line > markerLine;
	} else if (hasDirectives) throwError(state, "directives end mark is expected");
	const documentEventIndex = state.events.length;
	if (!explicitStart && state.position === state.lineStart && state.input.charCodeAt(state.position) === 46 && testDocumentSeparator(state)) {
		state.position += 3;
		skipSeparationSpace(state, true);
		return;
	}
	addDocumentEvent(state, explicitStart, false);
	if (!parseNode(state, state.lineIndent - 1, CONTEXT_BLOCK_OUT, false, allowCompact, allowCompact)) addEmptyScalarEvent(state);
	skipSeparationSpace(state, true);
	if (state.position === state.lineStart && testDocumentSeparator(state)) {
		explicitEnd = state.input.charCodeAt(state.position) === 46;
		if (explicitEnd) {
			const markerLine = state.line;
			state.position += 3;
			skipSeparationSpace(state, true);
			if (state.line === markerLine && state.position < state.length) throwError(state, "end of the stream or a document separator is expected");
		}
	}
	const documentEvent = state.events[documentEventIndex];
	if (documentEvent?.type === EVENT_ID.DOCUMENT) documentEvent.explicitEnd = explicitEnd;
	addPopEvent(state);
	if (!explicitEnd && state.position < state.length && !testDocumentBoundary(state)) throwError(state, "end of the stream or a document separator is expected");
}
/**
* Parses YAML into a flat event stream referencing source text by offsets.
*
* @category Events
*/
function parseEvents(input, options) {
	const length = input.length;
	const state = {
		...DEFAULT_PARSER_OPTIONS,
		...options,
		input: `${input}\0`,
		length,
		position: 0,
		line: 0,
		lineStart: 0,
		lineIndent: 0,
		firstTabInLine: -1,
		depth: 0,
		directives: [],
		tagHandlers: Object.create(null),
		events: []
	};
	const nullpos = input.indexOf("\0");
	if (nullpos !== -1) YAMLException.throwAt(input, nullpos, "null byte is not allowed in input", state.filename);
	while (state.position < state.length) {
		skipByteOrderMark(state);
		skipSeparationSpace(state, true);
		if (state.position >= state.length) break;
		const documentStart = state.position;
		readDocument(state);
		if (state.position === documentStart)
 /* c8 ignore next */
		throwError(state, "can not read a document");
	}
	return state.events;
}
//#endregion
//#region src/load.ts
var DEFAULT_LOAD_OPTIONS = {
	...DEFAULT_PARSER_OPTIONS,
	...DEFAULT_CONSTRUCTOR_OPTIONS
};
function loadDocuments(input, options = {}) {
	const opts = {
		...DEFAULT_LOAD_OPTIONS,
		...options
	};
	const source = String(input);
	const PARSER_OPT_KEYS = Object.keys(DEFAULT_PARSER_OPTIONS);
	const CONSTRUCTOR_OPT_KEYS = Object.keys(DEFAULT_CONSTRUCTOR_OPTIONS);
	return constructFromEvents(parseEvents(source, pick(opts, PARSER_OPT_KEYS)), {
		...pick(opts, CONSTRUCTOR_OPT_KEYS),
		source
	});
}
function loadAll(input, iteratorOrOptions, options) {
	let iterator = null;
	if (typeof iteratorOrOptions === "function") iterator = iteratorOrOptions;
	else if (iteratorOrOptions !== null && typeof iteratorOrOptions === "object") options = iteratorOrOptions;
	const documents = loadDocuments(input, options);
	if (iterator === null) return documents;
	for (const document of documents) iterator(document);
}
/**
* Parses `string` as a single YAML document. Throws {@link YAMLException} on
* error. This function does not understand multi-document or empty sources; it
* throws an exception on those.
*
* > [!NOTE]
* > 1. When processing untrusted input, see the
* >    [security considerations](../docs/safety.md).
* > 2. All exceptions MUST be caught, not just {@link YAMLException}.
* > 3. The default {@link CORE_SCHEMA} comes without the `!!merge` tag. You can
* >    easily enable it if needed.
* > 4. The default {@link mapTag} is `{}`-object based, with known limitations
* >    (see description). For full compatibility use {@link realMapTag}
* >    instead (it uses native JS `Map`).
*
* @example
* Enable {@link mergeTag} and {@link realMapTag}:
*
* ```javascript
* import { load, CORE_SCHEMA, mergeTag, realMapTag } from 'js-yaml'
*
* try {
*   load(data, { schema: CORE_SCHEMA.withTags(mergeTag, realMapTag) })
* } catch (e) {
*   console.error(e)
* }
* ```
*
* @category Main
*/
function load(input, options) {
	const documents = loadDocuments(input, options);
	if (documents.length === 0) throw new YAMLException("expected a document, but the input is empty");
	if (documents.length === 1) return documents[0];
	throw new YAMLException("expected a single document in the stream, but found more");
}
//#endregion
//#region src/ast/from_js.ts
var INVALID = Symbol("INVALID");
function buildRepresentTypes(schema) {
	const defaultTags = new Set([
		schema.defaultScalarTag,
		schema.defaultSequenceTag,
		schema.defaultMappingTag
	].filter((t) => t !== void 0));
	const implicitScalars = schema.implicitScalarTags;
	const explicitTags = schema.tags.filter((t) => !(t.nodeKind === "scalar" && t.implicit) && !defaultTags.has(t));
	const defaultTagsLast = schema.tags.filter((t) => defaultTags.has(t));
	return [
		...implicitScalars.map((tag) => ({
			tag,
			implicitTag: true
		})),
		...explicitTags.map((tag) => ({
			tag,
			implicitTag: false
		})),
		...defaultTagsLast.map((tag) => ({
			tag,
			implicitTag: true
		}))
	];
}
function matchTag(state, object) {
	for (let index = 0, length = state.representTypes.length; index < length; index += 1) {
		const { tag, implicitTag } = state.representTypes[index];
		if (tag.identify(object)) {
			let tagName;
			if (tag.matchByTagPrefix) tagName = tag.representTagName(object);
			else tagName = tag.tagName;
			return {
				tag,
				tagName,
				implicitTag
			};
		}
	}
	return null;
}
function build(state, object) {
	if (!state.noRefs && object !== null && typeof object === "object") {
		const existing = state.refs.get(object);
		if (existing) {
			if (existing.anchor === void 0) existing.anchor = `ref_${state.refCounter++}`;
			return {
				kind: "alias",
				anchor: existing.anchor
			};
		}
	}
	const matched = matchTag(state, object);
	if (!matched) {
		if (object === void 0) return INVALID;
		if (state.skipInvalid) return INVALID;
		throw new YAMLException(`unacceptable kind of an object to dump ${Object.prototype.toString.call(object)}`);
	}
	const { tag, tagName, implicitTag } = matched;
	const nodeTagName = implicitTag ? tagName : tagNameShort(tagName);
	if (tag.nodeKind === "scalar") return {
		kind: "scalar",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: SCALAR_STYLE.PLAIN,
		value: tag.represent(object)
	};
	if (tag.nodeKind === "sequence") {
		const container = tag.represent(object);
		const node = {
			kind: "sequence",
			tag: nodeTagName,
			tagged: !implicitTag,
			style: COLLECTION_STYLE.BLOCK,
			items: []
		};
		if (!state.noRefs) state.refs.set(object, node);
		for (let index = 0, length = container.length; index < length; index += 1) {
			let item = build(state, container[index]);
			if (item === INVALID && container[index] === void 0) item = build(state, null);
			if (item === INVALID) continue;
			node.items.push(item);
		}
		return node;
	}
	const map = tag.represent(object);
	const node = {
		kind: "mapping",
		tag: nodeTagName,
		tagged: !implicitTag,
		style: COLLECTION_STYLE.BLOCK,
		items: []
	};
	if (!state.noRefs) state.refs.set(object, node);
	for (const [objectKey, objectValue] of map) {
		const key = build(state, objectKey);
		if (key === INVALID) continue;
		const value = build(state, objectValue);
		if (value === INVALID) continue;
		node.items.push({
			key,
			value
		});
	}
	return node;
}
/**
* Convert JS object to AST. A JS value is one YAML document. An unrepresentable
* root becomes an empty document, which the presenter renders as an empty
* string.
*
* @category AST
*/
function jsToAst(input, schema, options = {}) {
	const root = build({
		representTypes: buildRepresentTypes(schema),
		noRefs: options.noRefs ?? false,
		skipInvalid: options.skipInvalid ?? false,
		refs: /* @__PURE__ */ new Map(),
		refCounter: 0
	}, input);
	return [{
		contents: root === INVALID ? null : root,
		directives: []
	}];
}
//#endregion
//#region src/ast/visit.ts
/**
* Return from a visitor to stop the whole traversal.
*
* @category AST
*/
var VISIT_BREAK = Symbol("visit:break");
/**
* Return from a visitor to skip the current node's children.
*
* @category AST
*/
var VISIT_SKIP = Symbol("visit:skip");
function visitNode(node, visitor, ctx) {
	const control = visitor(node, ctx);
	if (control === VISIT_BREAK) return true;
	if (control === VISIT_SKIP) return false;
	const depth = ctx.depth + 1;
	switch (node.kind) {
		case "sequence":
			for (const item of node.items) if (visitNode(item, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
			break;
		case "mapping": for (const { key, value } of node.items) {
			if (visitNode(key, visitor, {
				depth,
				parent: node,
				isKey: true
			})) return true;
			if (visitNode(value, visitor, {
				depth,
				parent: node,
				isKey: false
			})) return true;
		}
	}
	return false;
}
/**
* Walk every node in the documents, calling {@link Visitor} once per
* node (pre-order).
*
* @category AST
*/
function visit(documents, visitor) {
	for (const doc of documents) if (doc.contents && visitNode(doc.contents, visitor, {
		depth: 0,
		parent: null,
		isKey: false
	})) return;
}
//#endregion
//#region src/ast/styler_defaults.ts
function hasBit(mask, bit) {
	return (mask & 1 << bit) !== 0;
}
/**
* Default scalar styling rules in application order.
* See [Scalar styling](../../docs/scalar_styling.md) for usage details.
*
* @category AST
*/
var DEFAULT_SCALAR_STYLE_RULES = {
	applyQuoteFlowKeysOption,
	doubleQuoteForInvisibles,
	doubleQuoteWhitespaceOnly,
	applyForceQuotesOption,
	tryLongOrMultilineAsBlock,
	quoteInvalidPlain,
	fallbackToDoubleQuoted
};
function _preferredQuotedStyle(layout) {
	if (layout.presenterOptions.quoteStyle === "single" && hasBit(layout.allowedStylesMask, SCALAR_STYLE.SINGLE_QUOTED)) return SCALAR_STYLE.SINGLE_QUOTED;
	return SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyQuoteFlowKeysOption(layout) {
	if (!layout.presenterOptions.quoteFlowKeys) return;
	if (!layout.isKey || !layout.flowOnly || layout.style !== SCALAR_STYLE.PLAIN) return;
	layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteForInvisibles(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /[\t\x7F-\xA0\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function doubleQuoteWhitespaceOnly(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && /^\s+$/.test(layout.node.value)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
function applyForceQuotesOption(layout) {
	if (!layout.presenterOptions.forceQuotes) return;
	if (layout.isKey || layout.style !== SCALAR_STYLE.PLAIN) return;
	if (layout.node.tag !== layout.presenterOptions.schema.defaultScalarTag.tagName) return;
	layout.style = layout.node.value.includes("\n") ? SCALAR_STYLE.DOUBLE_QUOTED : _preferredQuotedStyle(layout);
}
function tryLongOrMultilineAsBlock(layout) {
	if (layout.style !== SCALAR_STYLE.PLAIN || layout.isKey) return;
	const value = layout.node.value;
	const multiline = value.indexOf("\n") !== -1;
	if (!hasBit(layout.allowedStylesMask, SCALAR_STYLE.LITERAL_BLOCK)) {
		if (multiline) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
		return;
	}
	const w = layout.presenterOptions.lineWidth;
	if (w === -1) {
		if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
		return;
	}
	const availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	let position = 0;
	let shouldFold = false;
	while (position <= value.length) {
		let lineEnd = value.length;
		const nextLineBreak = value.indexOf("\n", position);
		if (nextLineBreak !== -1) lineEnd = nextLineBreak;
		const line = value.slice(position, lineEnd);
		if (line.length > availableWidth && line[0] !== " " && / [^ \t]/.test(line)) shouldFold = true;
		if (nextLineBreak === -1) break;
		position = nextLineBreak + 1;
	}
	if (shouldFold) layout.style = SCALAR_STYLE.FOLDED_BLOCK;
	else if (multiline) layout.style = SCALAR_STYLE.LITERAL_BLOCK;
}
function quoteInvalidPlain(layout) {
	if (layout.style === SCALAR_STYLE.PLAIN && !hasBit(layout.allowedStylesMask, SCALAR_STYLE.PLAIN)) layout.style = _preferredQuotedStyle(layout);
}
function fallbackToDoubleQuoted(layout) {
	if (!hasBit(layout.allowedStylesMask, layout.style)) layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
}
//#endregion
//#region src/ast/scalar_styler.ts
function setBit(mask, bit) {
	return mask | 1 << bit;
}
var SRC_C_PRINTABLE = "[\\x09\\x0A\\x0D\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]";
var SRC_B_CHAR = "[\\n\\r]";
var SRC_C_BYTE_ORDER_MARK = "\\uFEFF";
var SRC_S_WHITE = "[ \\t]";
var SRC_NB_CHAR = `(?:(?!(?:${SRC_B_CHAR}|${SRC_C_BYTE_ORDER_MARK}))${SRC_C_PRINTABLE})`;
var SRC_NS_CHAR = `(?:(?!${SRC_S_WHITE})${SRC_NB_CHAR})`;
var SRC_NB_JSON = "[\\x09\\x20-\\uD7FF\\uE000-\\uFFFF\\u{10000}-\\u{10FFFF}]";
var SRC_C_INDICATOR = "[-?:,\\[\\]{}#&*!|>'\"%@`]";
var SRC_C_FLOW_INDICATOR = "[,\\[\\]{}]";
var SRC_NS_PLAIN_SAFE_FLOW_OUT = SRC_NS_CHAR;
var SRC_NS_PLAIN_SAFE_FLOW_IN = `(?:(?!${SRC_C_FLOW_INDICATOR})${SRC_NS_CHAR})`;
var SRC_NS_PLAIN_FIRST_FLOW_OUT = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))`;
var SRC_NS_PLAIN_FIRST_FLOW_IN = `(?:(?:(?!${SRC_C_INDICATOR})${SRC_NS_CHAR})|[?:-](?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))`;
var SRC_NS_PLAIN_CHAR_FLOW_OUT = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_OUT})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_OUT}))#*`;
var SRC_NS_PLAIN_CHAR_FLOW_IN = `(?:(?:(?![:#])${SRC_NS_PLAIN_SAFE_FLOW_IN})|:(?=${SRC_NS_PLAIN_SAFE_FLOW_IN}))#*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_OUT})*`;
var SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN = `(?:${SRC_S_WHITE}*${SRC_NS_PLAIN_CHAR_FLOW_IN})*`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_OUT = `${SRC_NS_PLAIN_FIRST_FLOW_OUT}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_NS_PLAIN_ONE_LINE_FLOW_IN = `${SRC_NS_PLAIN_FIRST_FLOW_IN}#*${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_OUT;
var SRC_NS_PLAIN_ONE_LINE_FLOW_KEY = SRC_NS_PLAIN_ONE_LINE_FLOW_IN;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_OUT}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_OUT}`;
var SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN = `\\n+${SRC_NS_PLAIN_CHAR_FLOW_IN}${SRC_NB_NS_PLAIN_IN_LINE_FLOW_IN}`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT = `${SRC_NS_PLAIN_ONE_LINE_FLOW_OUT}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_OUT})*`;
var SRC_NS_PLAIN_MULTI_LINE_FLOW_IN = `${SRC_NS_PLAIN_ONE_LINE_FLOW_IN}(?:${SRC_S_NS_PLAIN_NEXT_LINE_FLOW_IN})*`;
var NS_PLAIN_FLOW_OUT = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_OUT})$`, "u");
var NS_PLAIN_FLOW_IN = new RegExp(`^(?:${SRC_NS_PLAIN_MULTI_LINE_FLOW_IN})$`, "u");
var NS_PLAIN_BLOCK_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_BLOCK_KEY})$`, "u");
var NS_PLAIN_FLOW_KEY = new RegExp(`^(?:${SRC_NS_PLAIN_ONE_LINE_FLOW_KEY})$`, "u");
var NB_SINGLE_ONE_LINE = new RegExp(`^(?:${SRC_NB_JSON})*$`, "u");
var NB_SINGLE_MULTI_LINE = new RegExp(`^(?:${SRC_NB_JSON}|\\n)*$`, "u");
var BLOCK_SCALAR_CONTENT = new RegExp(`^(?:${SRC_NB_CHAR}|\\n)*$`, "u");
var C_FORBIDDEN_FIRST_LINE = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/;
var C_FORBIDDEN_CONTENT = /^(?:---|\.\.\.)(?=$|[ \t\n\r])/m;
function canUsePlain(layout) {
	const str = layout.node.value;
	if (str !== "") {
		if (!(layout.isKey ? layout.flowOnly ? NS_PLAIN_FLOW_KEY : NS_PLAIN_BLOCK_KEY : layout.flowOnly ? NS_PLAIN_FLOW_IN : NS_PLAIN_FLOW_OUT).test(str)) return false;
		if (layout.shiftOfFirstLine === 0 && C_FORBIDDEN_FIRST_LINE.test(str)) return false;
		if (layout.shiftOfContent === 0) {
			const firstLineBreak = str.indexOf("\n");
			if (firstLineBreak !== -1) {
				const content = str.slice(firstLineBreak + 1);
				if (C_FORBIDDEN_CONTENT.test(content)) return false;
			}
		}
	}
	const resolvedTag = layout.presenterOptions.schema.resolveImplicitScalarTag(str).tag.tagName;
	if (!layout.node.tagged && resolvedTag !== layout.node.tag) return false;
	if (!layout.node.tagged && str === "=" && resolvedTag === layout.presenterOptions.schema.defaultScalarTag.tagName) return false;
	return true;
}
function canUseSingleQuoted(layout) {
	const str = layout.node.value;
	if (!(layout.isKey ? NB_SINGLE_ONE_LINE : NB_SINGLE_MULTI_LINE).test(str)) return false;
	if (/[ \t]\n|\n[ \t]/.test(str)) return false;
	if (!layout.isKey && layout.shiftOfContent === 0) {
		const firstLineBreak = str.indexOf("\n");
		if (firstLineBreak !== -1 && C_FORBIDDEN_CONTENT.test(str.slice(firstLineBreak + 1))) return false;
	}
	return true;
}
function canUseBlock(layout) {
	if (layout.flowOnly || !BLOCK_SCALAR_CONTENT.test(layout.node.value)) return false;
	const contentIndent = layout.shiftOfContent - layout.shiftOfParent;
	if (contentIndent < 1) return false;
	if (contentIndent > 9 && /^\n* /.test(layout.node.value)) return false;
	if (layout.shiftOfContent === 0 && C_FORBIDDEN_CONTENT.test(layout.node.value)) return false;
	return true;
}
function detectAllowedStyles(layout) {
	let mask = setBit(0, SCALAR_STYLE.DOUBLE_QUOTED);
	if (canUsePlain(layout)) mask = setBit(mask, SCALAR_STYLE.PLAIN);
	if (canUseSingleQuoted(layout)) mask = setBit(mask, SCALAR_STYLE.SINGLE_QUOTED);
	if (canUseBlock(layout)) mask = setBit(setBit(mask, SCALAR_STYLE.LITERAL_BLOCK), SCALAR_STYLE.FOLDED_BLOCK);
	layout.allowedStylesMask = mask;
}
function renderScalar(layout) {
	switch (layout.style) {
		case SCALAR_STYLE.PLAIN: return renderPlain(layout);
		case SCALAR_STYLE.SINGLE_QUOTED: return renderSingleQuoted(layout);
		case SCALAR_STYLE.LITERAL_BLOCK: return renderLiteralBlock(layout);
		case SCALAR_STYLE.FOLDED_BLOCK: return renderFoldedBlock(layout);
		case SCALAR_STYLE.DOUBLE_QUOTED: return renderDoubleQuoted(layout);
	}
}
function renderPlain(layout) {
	return encodeFlowBreaks(layout.node.value, layout.shiftOfContent);
}
function renderSingleQuoted(layout) {
	return `'${encodeFlowBreaks(layout.node.value, layout.shiftOfContent).replace(/'/g, "''")}'`;
}
function renderLiteralBlock(layout) {
	const value = layout.node.value;
	return "|" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(value, layout.shiftOfContent));
}
function renderFoldedBlock(layout) {
	const value = layout.node.value;
	const w = layout.presenterOptions.lineWidth;
	let availableWidth = Infinity;
	if (w !== -1) availableWidth = Math.max(Math.min(w, 40), w - layout.shiftOfContent);
	return ">" + blockHeader(value, layout.shiftOfParent, layout.shiftOfContent) + dropEndingNewline(indentString(foldBlockScalar(value, availableWidth), layout.shiftOfContent));
}
function renderDoubleQuoted(layout) {
	return `"${escapeString(layout.node.value)}"`;
}
function encodeFlowBreaks(string, shiftOfContent) {
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) return string;
	const pad = " ".repeat(shiftOfContent);
	let result = string.slice(0, nextLF);
	const lineRe = /(\n+)([^\n]*)/g;
	lineRe.lastIndex = nextLF;
	let match;
	while (match = lineRe.exec(string)) {
		const breaks = match[1].length;
		const line = match[2];
		result += "\n".repeat(breaks + 1) + pad + line;
	}
	return result;
}
function indentString(string, spaces) {
	const indent = " ".repeat(spaces);
	let position = 0;
	let result = "";
	const length = string.length;
	while (position < length) {
		let line;
		const next = string.indexOf("\n", position);
		if (next === -1) {
			line = string.slice(position);
			position = length;
		} else {
			line = string.slice(position, next + 1);
			position = next + 1;
		}
		if (line.length && line !== "\n") result += indent;
		result += line;
	}
	return result;
}
function needIndentIndicator(string) {
	return /^\n* /.test(string);
}
function blockHeader(string, shiftOfParent, shiftOfContent) {
	const indentIndicator = needIndentIndicator(string) ? String(shiftOfContent - shiftOfParent) : "";
	const clip = string[string.length - 1] === "\n";
	return `${indentIndicator}${clip && (string[string.length - 2] === "\n" || string === "\n") ? "+" : clip ? "" : "-"}\n`;
}
function dropEndingNewline(string) {
	return string[string.length - 1] === "\n" ? string.slice(0, -1) : string;
}
function isMoreIndented(char) {
	return char === " " || char === "	";
}
function foldLine(line, width) {
	if (line === "" || isMoreIndented(line[0])) return line;
	const breakRe = / [^ \t]/g;
	let match;
	let start = 0;
	let end;
	let curr = 0;
	let next = 0;
	let result = "";
	while (match = breakRe.exec(line)) {
		next = match.index;
		if (next - start > width) {
			end = curr > start ? curr : next;
			result += `\n${line.slice(start, end)}`;
			start = end + 1;
		}
		curr = next;
	}
	result += "\n";
	if (line.length - start > width && curr > start) result += `${line.slice(start, curr)}\n${line.slice(curr + 1)}`;
	else result += line.slice(start);
	return result.slice(1);
}
function foldBlockScalar(string, width) {
	const lineRe = /(\n+)([^\n]*)/g;
	let nextLF = string.indexOf("\n");
	if (nextLF === -1) nextLF = string.length;
	lineRe.lastIndex = nextLF;
	let result = foldLine(string.slice(0, nextLF), width);
	let prevMoreIndented = string[0] === "\n" || isMoreIndented(string[0]);
	let moreIndented;
	let match;
	while (match = lineRe.exec(string)) {
		const prefix = match[1];
		const line = match[2];
		moreIndented = line !== "" && isMoreIndented(line[0]);
		result += prefix + (!prevMoreIndented && !moreIndented && line !== "" ? "\n" : "") + foldLine(line, width);
		prevMoreIndented = moreIndented;
	}
	return result;
}
var CHARACTERS_TO_ESCAPE = /["\\\x00-\x1F\x7F-\xA0\u2028\u2029\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/gu;
function escapeCharacter(character) {
	switch (character) {
		case "\0": return "\\0";
		case "\x07": return "\\a";
		case "\b": return "\\b";
		case "	": return "\\t";
		case "\n": return "\\n";
		case "\v": return "\\v";
		case "\f": return "\\f";
		case "\r": return "\\r";
		case "\x1B": return "\\e";
		case "\"": return "\\\"";
		case "\\": return "\\\\";
		case "": return "\\N";
		case "\xA0": return "\\_";
		case "\u2028": return "\\L";
		case "\u2029": return "\\P";
	}
	const code = character.charCodeAt(0);
	const hex = code.toString(16).toUpperCase();
	if (code <= 255) return `\\x${"0".repeat(2 - hex.length)}${hex}`;
	return `\\u${"0".repeat(4 - hex.length)}${hex}`;
}
function escapeString(string) {
	return string.replace(CHARACTERS_TO_ESCAPE, escapeCharacter);
}
//#endregion
//#region src/ast/presenter.ts
var CHAR_LINE_FEED = 10;
var DEFAULT_PRESENTER_OPTIONS = {
	indent: 2,
	seqNoIndent: false,
	seqInlineFirst: true,
	lineWidth: 80,
	flowBracketPadding: false,
	flowSkipCommaSpace: false,
	flowSkipColonSpace: false,
	quoteFlowKeys: false,
	quoteStyle: "single",
	forceQuotes: false,
	scalarStyleRules: Object.keys(DEFAULT_SCALAR_STYLE_RULES).map((name) => Reflect.get(DEFAULT_SCALAR_STYLE_RULES, name)),
	tagBeforeAnchor: false
};
function nodeTagShort(node) {
	return node.tagged ? node.tag : tagNameShort(node.tag);
}
function createPresenterState(options) {
	const opts = {
		...DEFAULT_PRESENTER_OPTIONS,
		...options
	};
	if (opts.flowSkipColonSpace) opts.quoteFlowKeys = true;
	return {
		...opts,
		defaultScalarTagName: opts.schema.defaultScalarTag.tagName,
		openEnded: false
	};
}
function generateNextLine(state, level) {
	return `\n${" ".repeat(state.indent * level)}`;
}
function scalarLayout(state, node, parent, level, isKey, flowOnly) {
	return {
		node,
		parent,
		level,
		isKey,
		flowOnly,
		shiftOfParent: level === 0 ? -1 : state.indent * (level - 1),
		shiftOfContent: state.indent * Math.max(1, level),
		shiftOfFirstLine: level === 0 ? 0 : state.indent * level,
		presenterOptions: state,
		allowedStylesMask: 0,
		style: node.style
	};
}
function writeFlowSequence(state, level, node) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level, node.items[index], node, {}).text;
		if (index > 0) result += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		result += item;
	}
	const pad = state.flowBracketPadding && node.items.length > 0 ? " " : "";
	return `[${pad}${result}${pad}]`;
}
function writeBlockSequence(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		const item = writeNode(state, level + 1, node.items[index], node, {
			block: true,
			compact: state.seqInlineFirst,
			isblockseq: true
		}).text;
		if (!compact || result !== "") result += generateNextLine(state, level);
		if (item === "" || CHAR_LINE_FEED === item.charCodeAt(0)) result += "-";
		else result += "- ";
		result += item;
	}
	return result;
}
function writeFlowMapping(state, level, node) {
	let result = "";
	for (const { key, value } of node.items) {
		let pairBuffer = "";
		if (result !== "") pairBuffer += `,${!state.flowSkipCommaSpace ? " " : ""}`;
		const keyRender = writeNode(state, level, key, node, { iskey: true });
		const keyText = keyRender.text;
		const valueText = writeNode(state, level, value, node, {}).text;
		const sep = state.flowSkipColonSpace || valueText === "" ? "" : " ";
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = key.kind === "alias" || keyIsBareProps ? " " : "";
		pairBuffer += `${keyText}${keyColonSep}:${sep}${valueText}`;
		result += pairBuffer;
	}
	const pad = state.flowBracketPadding && result !== "" ? " " : "";
	return `{${pad}${result}${pad}}`;
}
function writeBlockMapping(state, level, node, compact) {
	let result = "";
	for (let index = 0, length = node.items.length; index < length; index += 1) {
		let pairBuffer = "";
		if (!compact || result !== "") pairBuffer += generateNextLine(state, level);
		const { key, value } = node.items[index];
		const keyIsBlock = (key.kind === "mapping" || key.kind === "sequence") && key.style === COLLECTION_STYLE.BLOCK && key.items.length !== 0 || key.kind === "scalar" && (key.style === SCALAR_STYLE.LITERAL_BLOCK || key.style === SCALAR_STYLE.FOLDED_BLOCK);
		const keyRender = keyIsBlock ? writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			isblockseq: !cannotBeCompact(state, key, level + 1)
		}) : writeNode(state, level + 1, key, node, {
			block: true,
			compact: true,
			iskey: true
		});
		const keyText = keyRender.text;
		const keyHasLineBreak = key.kind === "scalar" && key.value.indexOf("\n") !== -1;
		const keyIsTooLong = keyText.length > 1024 && /^[\s\S]{1025}/u.test(keyText);
		const explicitPair = keyIsBlock || keyHasLineBreak || keyIsTooLong;
		if (explicitPair) {
			if (keyText && CHAR_LINE_FEED === keyText.charCodeAt(0)) pairBuffer += "?";
			else pairBuffer += "? ";
		}
		pairBuffer += keyText;
		if (explicitPair) pairBuffer += generateNextLine(state, level);
		const valueText = writeNode(state, level + 1, value, node, {
			block: true,
			compact: explicitPair,
			isblockseq: explicitPair && !cannotBeCompact(state, value, level + 1)
		}).text;
		const keyIsBareProps = key.kind === "scalar" && keyRender.noBody && (key.tagged || key.anchor !== void 0);
		const keyColonSep = !explicitPair && (key.kind === "alias" || keyIsBareProps) ? " " : "";
		if (valueText === "" || CHAR_LINE_FEED === valueText.charCodeAt(0)) pairBuffer += `${keyColonSep}:`;
		else pairBuffer += `${keyColonSep}: `;
		pairBuffer += valueText;
		result += pairBuffer;
	}
	return result;
}
function cannotBeCompact(state, node, level) {
	if (node.kind === "alias") return true;
	return node.tagged || node.anchor !== void 0 || state.indent < 2 && level > 0;
}
function writeNode(state, level, node, parent, ctx) {
	if (node.kind === "alias") {
		state.openEnded = false;
		return {
			text: `*${node.anchor}`,
			noBody: false
		};
	}
	const { block = false, iskey = false, isblockseq = false } = ctx;
	let compact = ctx.compact ?? false;
	const hasAnchor = node.anchor !== void 0;
	if (cannotBeCompact(state, node, level)) compact = false;
	let body;
	let shouldPrintTag = node.tagged;
	const useBlockCollection = block && (node.kind === "mapping" || node.kind === "sequence") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0;
	if (node.kind === "mapping") {
		if (useBlockCollection) body = writeBlockMapping(state, level, node, compact);
		else body = writeFlowMapping(state, level, node);
	} else if (node.kind === "sequence") {
		if (useBlockCollection) {
			if (state.seqNoIndent && !isblockseq && level > 0) body = writeBlockSequence(state, level - 1, node, compact);
			else body = writeBlockSequence(state, level, node, compact);
		} else body = writeFlowSequence(state, level, node);
	} else {
		const layout = scalarLayout(state, node, parent, level, iskey, !block);
		detectAllowedStyles(layout);
		for (const rule of state.scalarStyleRules) rule(layout);
		body = renderScalar(layout);
		state.openEnded = (layout.style === SCALAR_STYLE.LITERAL_BLOCK || layout.style === SCALAR_STYLE.FOLDED_BLOCK) && (node.value === "\n" || node.value.endsWith("\n\n"));
		shouldPrintTag = node.tagged || body === "" && layout.flowOnly && parent?.kind === "sequence" && !hasAnchor || layout.style !== SCALAR_STYLE.PLAIN && node.tag !== state.defaultScalarTagName;
	}
	if ((node.kind === "mapping" || node.kind === "sequence") && !useBlockCollection) state.openEnded = false;
	if (useBlockCollection && compact && level > 0 && state.indent > 2) body = `${" ".repeat(state.indent - 2)}${body}`;
	const noBody = body === "";
	let text = body;
	if (shouldPrintTag || hasAnchor) {
		const props = [];
		const tag = shouldPrintTag ? nodeTagShort(node) : null;
		const anchor = hasAnchor ? `&${node.anchor}` : null;
		if (state.tagBeforeAnchor) {
			if (tag !== null) props.push(tag);
			if (anchor !== null) props.push(anchor);
		} else {
			if (anchor !== null) props.push(anchor);
			if (tag !== null) props.push(tag);
		}
		const sep = body === "" || body.charCodeAt(0) === CHAR_LINE_FEED ? "" : " ";
		text = `${props.join(" ")}${sep}${body}`;
	}
	return {
		text,
		noBody
	};
}
function rootStartsOwnLine(node) {
	return (node.kind === "sequence" || node.kind === "mapping") && node.style === COLLECTION_STYLE.BLOCK && node.items.length !== 0 && !node.tagged && node.anchor === void 0;
}
function writeDocumentDirectives(doc) {
	let result = "";
	for (const directive of doc.directives) {
		if (directive.kind === "yaml") {
			result += `%YAML ${directive.version}\n`;
			continue;
		}
		const { handle, prefix } = directive;
		result += `%TAG ${handle} ${prefix}\n`;
	}
	return result;
}
/**
* Build YAML from AST.
*
* @category AST
*/
function present(documents, options) {
	const state = createPresenterState(options);
	let result = "";
	let previousEnded = false;
	for (let index = 0; index < documents.length; index += 1) {
		const doc = documents[index];
		state.openEnded = false;
		const directives = writeDocumentDirectives(doc);
		const hasDirectives = directives !== "";
		const marker = doc.explicitStart || hasDirectives || index > 0 && !previousEnded;
		result += directives;
		if (doc.contents === null) {
			if (marker) result += "---\n";
		} else if (marker) {
			const body = writeNode(state, 0, doc.contents, null, {
				block: true,
				compact: true
			}).text;
			const sep = body === "" ? "" : hasDirectives || rootStartsOwnLine(doc.contents) ? "\n" : " ";
			result += `---${sep}${body}\n`;
		} else result += writeNode(state, 0, doc.contents, null, {
			block: true,
			compact: true
		}).text + "\n";
		previousEnded = doc.explicitEnd || state.openEnded;
		if (previousEnded) result += "...\n";
	}
	return result;
}
//#endregion
//#region src/dump.ts
var DEFAULT_DUMP_OPTIONS = {
	...DEFAULT_PRESENTER_OPTIONS,
	schema: DUMP_SCHEMA,
	skipInvalid: false,
	noRefs: false,
	flowLevel: -1,
	sortKeys: false,
	transform: () => {}
};
function defaultCompareFn(a, b) {
	const x = String(a);
	const y = String(b);
	if (x < y) return -1;
	if (x > y) return 1;
	return 0;
}
/**
* Serializes JS object as a YAML document. By default it can dump every
* supported YAML type, so it throws an exception if you try to dump regexps or
* functions. However, you can disable exceptions by setting the
* {@link DumpOptions.skipInvalid} option to `true`.
*
* @category Main
*/
function dump(input, options = {}) {
	const opts = {
		...DEFAULT_DUMP_OPTIONS,
		...options
	};
	const documents = jsToAst(input, opts.schema, {
		noRefs: opts.noRefs,
		skipInvalid: opts.skipInvalid
	});
	if (opts.flowLevel >= 0) visit(documents, (node, ctx) => {
		if (ctx.depth < opts.flowLevel) return;
		if (node.kind === "sequence" || node.kind === "mapping") node.style = COLLECTION_STYLE.FLOW;
		return VISIT_SKIP;
	});
	if (opts.sortKeys) {
		const compareFn = opts.sortKeys === true ? defaultCompareFn : opts.sortKeys;
		visit(documents, (node) => {
			if (node.kind !== "mapping") return;
			node.items.sort((a, b) => compareFn(a.key.kind === "scalar" ? a.key.value : "", b.key.kind === "scalar" ? b.key.value : ""));
		});
	}
	opts.transform(documents);
	return present(documents, {
		...pick(opts, Object.keys(DEFAULT_PRESENTER_OPTIONS)),
		schema: opts.schema
	});
}
//#endregion
//#region src/ast/from_events.ts
var NO_RANGE = (/* unused pure expression or super */ null && (-1));
function eventPosition(event) {
	if ("tagStart" in event && event.tagStart !== NO_RANGE) return event.tagStart;
	if ("anchorStart" in event && event.anchorStart !== NO_RANGE) return event.anchorStart;
	if ("valueStart" in event && event.valueStart !== NO_RANGE) return event.valueStart;
	if ("start" in event) return event.start;
	return 0;
}
function rawTag(state, event) {
	return event.tagStart === NO_RANGE ? "" : state.source.slice(event.tagStart, event.tagEnd);
}
function anchorName(state, event) {
	return event.anchorStart === NO_RANGE ? void 0 : state.source.slice(event.anchorStart, event.anchorEnd);
}
function buildScalar(state, event) {
	const value = getScalarValue(state.source, event);
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw !== "") {
		tagged = true;
		tag = raw;
	} else if (event.style === SCALAR_STYLE.PLAIN) tag = state.schema.resolveImplicitScalarTag(value).tag.tagName;
	else tag = state.schema.defaultScalarTag.tagName;
	return {
		kind: "scalar",
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event),
		value
	};
}
function buildCollection(state, event, defaultTagName) {
	const raw = rawTag(state, event);
	let tag;
	let tagged = false;
	if (raw === "") tag = defaultTagName;
	else {
		tag = raw;
		tagged = true;
	}
	return {
		tag,
		tagged,
		style: event.style,
		anchor: anchorName(state, event)
	};
}
function addNode(state, node) {
	const frame = state.frames[state.frames.length - 1];
	if (frame.kind === "document") frame.doc.contents = node;
	else if (frame.kind === "sequence") frame.node.items.push(node);
	else if (frame.key) {
		frame.node.items.push({
			key: frame.key,
			value: node
		});
		frame.key = null;
	} else frame.key = node;
}
/**
* Builds an AST from parser events
*
* @category AST
*/
function eventsToAst(events, options) {
	const state = {
		source: options.source,
		schema: options.schema,
		eventIndex: 0,
		position: 0,
		frames: [],
		documents: []
	};
	while (state.eventIndex < events.length) {
		const event = events[state.eventIndex++];
		state.position = eventPosition(event);
		switch (event.type) {
			case EVENT_ID.DOCUMENT: {
				const doc = {
					contents: null,
					explicitStart: event.explicitStart,
					explicitEnd: event.explicitEnd,
					directives: event.directives
				};
				state.frames.push({
					kind: "document",
					doc
				});
				break;
			}
			case EVENT_ID.SCALAR:
				addNode(state, buildScalar(state, event));
				break;
			case EVENT_ID.SEQUENCE: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:seq");
				const node = {
					kind: "sequence",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "sequence",
					node
				});
				break;
			}
			case EVENT_ID.MAPPING: {
				const { tag, tagged, style, anchor } = buildCollection(state, event, "tag:yaml.org,2002:map");
				const node = {
					kind: "mapping",
					tag,
					tagged,
					style,
					anchor,
					items: []
				};
				state.frames.push({
					kind: "mapping",
					node,
					key: null
				});
				break;
			}
			case EVENT_ID.ALIAS:
				addNode(state, {
					kind: "alias",
					anchor: state.source.slice(event.anchorStart, event.anchorEnd)
				});
				break;
			case EVENT_ID.POP: {
				const frame = state.frames.pop();
				if (frame.kind === "mapping" && frame.key) throw new Error("incomplete mapping pair in event stream");
				if (frame.kind === "document") state.documents.push(frame.doc);
				else addNode(state, frame.node);
				break;
			}
		}
	}
	return state.documents;
}
//#endregion
//#region src/index.ts
/** @deprecated Use `EVENT_ID.DOCUMENT` instead. @internal */
var EVENT_DOCUMENT = EVENT_ID.DOCUMENT;
/** @deprecated Use `EVENT_ID.SEQUENCE` instead. @internal */
var EVENT_SEQUENCE = EVENT_ID.SEQUENCE;
/** @deprecated Use `EVENT_ID.MAPPING` instead. @internal */
var EVENT_MAPPING = EVENT_ID.MAPPING;
/** @deprecated Use `EVENT_ID.SCALAR` instead. @internal */
var EVENT_SCALAR = EVENT_ID.SCALAR;
/** @deprecated Use `EVENT_ID.ALIAS` instead. @internal */
var EVENT_ALIAS = EVENT_ID.ALIAS;
/** @deprecated Use `EVENT_ID.POP` instead. @internal */
var EVENT_POP = EVENT_ID.POP;
/** @deprecated Use `SCALAR_STYLE.PLAIN` instead. @internal */
var SCALAR_STYLE_PLAIN = SCALAR_STYLE.PLAIN;
/** @deprecated Use `SCALAR_STYLE.SINGLE_QUOTED` instead. @internal */
var SCALAR_STYLE_SINGLE_QUOTED = SCALAR_STYLE.SINGLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.DOUBLE_QUOTED` instead. @internal */
var SCALAR_STYLE_DOUBLE_QUOTED = SCALAR_STYLE.DOUBLE_QUOTED;
/** @deprecated Use `SCALAR_STYLE.LITERAL_BLOCK` instead. @internal */
var SCALAR_STYLE_LITERAL_BLOCK = SCALAR_STYLE.LITERAL_BLOCK;
/** @deprecated Use `SCALAR_STYLE.FOLDED_BLOCK` instead. @internal */
var SCALAR_STYLE_FOLDED_BLOCK = SCALAR_STYLE.FOLDED_BLOCK;
/** @deprecated Use `COLLECTION_STYLE.BLOCK` instead. @internal */
var COLLECTION_STYLE_BLOCK = COLLECTION_STYLE.BLOCK;
/** @deprecated Use `COLLECTION_STYLE.FLOW` instead. @internal */
var COLLECTION_STYLE_FLOW = COLLECTION_STYLE.FLOW;
/** @deprecated Use `CHOMPING_MODE.CLIP` instead. @internal */
var CHOMPING_CLIP = CHOMPING_MODE.CLIP;
/** @deprecated Use `CHOMPING_MODE.STRIP` instead. @internal */
var CHOMPING_STRIP = CHOMPING_MODE.STRIP;
/** @deprecated Use `CHOMPING_MODE.KEEP` instead. @internal */
var CHOMPING_KEEP = CHOMPING_MODE.KEEP;
//#endregion


//# sourceMappingURL=js-yaml.mjs.map
;// CONCATENATED MODULE: ./packages/exec/src/yaml.ts
// The one YAML reader for text users write (action inputs, test specs, config overlays): the core schema, and a syntax
// error as one ConfigurationError naming where the text came from and the line.


/** Parses YAML text with the core schema; a syntax error is a ConfigurationError naming `where` and the line. */
function parseYamlText(text, where, hint = 'fix the YAML syntax') {
    try {
        return load(text, { schema: CORE_SCHEMA });
    }
    catch (err) {
        const e = err;
        const line = e.mark ? ` at line ${e.mark.line + 1}` : '';
        throw new errors_ConfigurationError(`${where} is not valid YAML${line}: ${e.reason ?? e.message}`, hint);
    }
}

;// CONCATENATED MODULE: ./packages/exec/src/index.ts
// Public surface of @eda-oci/exec: the one way to run programs, plus the shared error types and logger.








;// CONCATENATED MODULE: external "node:util"
const external_node_util_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");
;// CONCATENATED MODULE: ./packages/cli/src/args.ts
// Shared argv helpers for eda-oci commands: strict option parsing and usage errors (exit code 2).


/** Exit codes: documented in `eda-oci --help`. */
const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 };
/** A ConfigurationError that main maps to exit code 2 (usage error). */
function usageError(command, message) {
    const e = new errors_ConfigurationError(message, `run 'eda-oci ${command} --help'`);
    e.usage = true;
    return e;
}
/** True when `err` came from usageError. */
function isUsageError(err) {
    return err instanceof errors_ConfigurationError && err.usage === true;
}
/** Strict parseArgs: unknown options and positionals are usage errors naming the command. */
function parseOptions(command, args, options) {
    try {
        return (0,external_node_util_namespaceObject.parseArgs)({ args, options, allowPositionals: false, strict: true }).values;
    }
    catch (err) {
        throw usageError(command, err.message);
    }
}
/** Options every command has: `--json` and `-h/--help`. */
const COMMON_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
/**
 * Parses a command's own options plus `--json` and `-h/--help`. With `--help` it prints `help` and returns undefined
 * (the command then exits 0).
 */
function parseCommandLine(command, args, options, help, out) {
    const v = parseOptions(command, args, { ...options, ...COMMON_OPTIONS });
    if (v.help) {
        out.write(`${help}\n`);
        return undefined;
    }
    return v;
}
/** A whole-number option within [min, max]; undefined when not given. */
function intOption(command, name, value, min, max) {
    if (value === undefined)
        return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
        throw usageError(command, `--${name} is '${value}', which is not a whole number from ${min} to ${max}`);
    return Number(value);
}
/** The bundles dir from the option or $EDA_OCI_BUNDLES_DIR. */
function bundlesDirOption(command, value) {
    const dir = value ?? process.env.EDA_OCI_BUNDLES_DIR;
    if (!dir)
        throw usageError(command, '--bundles-dir is required (or set EDA_OCI_BUNDLES_DIR)');
    return dir;
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./packages/docker/src/reference.ts
// Image references and daemon addresses, validated against the grammar docker itself uses (distribution/reference).

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const ID_RE = /^sha256:[a-f0-9]{64}$/;
const FIX = 'use a reference such as registry.example.com:5000/team/tool:1.2 or name@sha256:<64 hex digits>';
/** Parses and validates an image reference; throws ConfigurationError naming the value and the rule broken. */
function parseImageReference(raw) {
    const what = `image '${raw}'`;
    if (raw === '')
        throw new errors_ConfigurationError('image is empty', FIX);
    if (raw.startsWith('-'))
        throw new errors_ConfigurationError(`${what} starts with '-', which a program would read as an option`, FIX);
    if (/[^\x21-\x7e]/.test(raw))
        throw new errors_ConfigurationError(`${what} contains whitespace or non-printable characters`, FIX);
    if (/[;&|`$<>(){}\\'"*?!#~^]/.test(raw)) {
        throw new errors_ConfigurationError(`${what} contains shell metacharacters, which no image reference has`, FIX);
    }
    if (ID_RE.test(raw))
        return { raw, path: '', isId: true };
    let rest = raw;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!new RegExp(`^${DIGEST}$`).test(digest)) {
            throw new errors_ConfigurationError(`${what} has an invalid digest '${digest}'`, 'a digest looks like sha256: followed by 64 lowercase hex digits');
        }
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        if (!new RegExp(`^${TAG}$`).test(tag)) {
            throw new errors_ConfigurationError(`${what} has an invalid tag '${tag}'`, 'a tag is up to 128 letters, digits, _, . or -, not starting with . or -');
        }
    }
    const parts = rest.split('/');
    let registry;
    if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost' || /[A-Z]/.test(parts[0]))) {
        registry = parts.shift();
        if (!new RegExp(`^${DOMAIN}$`).test(registry)) {
            throw new errors_ConfigurationError(`${what} has an invalid registry '${registry}'`, FIX);
        }
    }
    const pathRe = new RegExp(`^${PATH_COMPONENT}$`);
    for (const p of parts) {
        if (!pathRe.test(p)) {
            throw new errors_ConfigurationError(`${what} has an invalid repository component '${p}'`, 'repository names are lowercase letters, digits and separators (., _, __, -), e.g. team/tool');
        }
    }
    const path = parts.join('/');
    if ((registry ? registry.length + 1 : 0) + path.length > 255) {
        throw new errors_ConfigurationError(`${what} has a repository name longer than 255 characters`, FIX);
    }
    return { raw, registry, path, tag, digest, isId: false };
}
/** The repository as docker prints it in RepoDigests/RepoTags (`busybox`, `127.0.0.1:5000/x/y`). */
function familiarRepository(ref) {
    const reg = ref.registry;
    if (!reg || reg === 'docker.io' || reg === 'index.docker.io' || reg === 'registry-1.docker.io') {
        return ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
    }
    return `${reg}/${ref.path}`;
}
/** Validates a DOCKER_HOST value: unix:///abs/path, tcp://host:port or ssh://[user@]host[:port]. */
function validateDockerHost(host) {
    const fix = 'use unix:///run/user/<uid>/docker.sock (rootless), unix:///var/run/docker.sock, tcp://host:port or ssh://user@host';
    if (host.startsWith('-'))
        throw new errors_ConfigurationError(`docker-host '${host}' starts with '-'`, fix);
    if (/^unix:\/\/\/[^\0\s]+$/.test(host))
        return host;
    if (/^tcp:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/.test(host))
        return host;
    if (/^ssh:\/\/([A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host))
        return host;
    throw new errors_ConfigurationError(`docker-host '${host}' is not a Docker daemon address`, fix);
}

;// CONCATENATED MODULE: ./packages/docker/src/client.ts
// docker CLI client: the few engine operations a bundle build needs, with errors turned into actionable lines.







const DAEMON_DOWN = [
    /Cannot connect to the Docker daemon/i,
    /Is the docker daemon running/i,
    /error during connect/i,
    /connect: no such file or directory/i,
    /connect: connection refused.*docker\.sock/i,
    /permission denied while trying to connect to the Docker daemon/i,
    /dial unix .*: connect:/i,
];
const NOT_FOUND = [
    /manifest unknown/i,
    /not found: manifest/i,
    /repository does not exist/i,
    /pull access denied/i,
    /: not found$/i,
    /No such image/i,
    /name unknown/i,
];
const UNREACHABLE = [
    /connection refused/i,
    /no such host/i,
    /i\/o timeout/i,
    /network is unreachable/i,
    /TLS handshake timeout/i,
    /dial tcp/i,
    /server gave HTTP response to HTTPS client/i,
];
/** A docker CLI client bound to one daemon. All calls use argument arrays and time limits. */
class DockerClient {
    host;
    program;
    log;
    run;
    spawnFn;
    env;
    api;
    constructor(options = {}) {
        this.host = options.host ?? (process.env.DOCKER_HOST || undefined);
        this.program = options.program ?? process.env.EDA_OCI_DOCKER ?? 'docker';
        this.log = options.logger ?? logger_silentLogger;
        this.run = options.run ?? runCommand;
        this.spawnFn = options.spawn ?? spawnCommand;
        this.api = options.api ?? true;
        // DOCKER_CONTEXT would silently override DOCKER_HOST; the chosen host must win.
        const env = { ...process.env };
        if (this.host) {
            env.DOCKER_HOST = this.host;
            delete env.DOCKER_CONTEXT;
        }
        this.env = env;
    }
    /** Where the daemon is, for messages. */
    describeHost() {
        return this.host ?? 'unix:///var/run/docker.sock (default)';
    }
    async docker(args, opts = {}) {
        try {
            return await this.run(this.program, args, {
                env: this.env,
                logger: this.log,
                timeoutMs: opts.timeoutMs ?? 60_000,
                signal: opts.signal,
                quiet: opts.quiet,
            });
        }
        catch (err) {
            throw this.classify(err);
        }
    }
    /** Turns a failed docker call into a daemon-unreachable ConfigurationError where that is the cause. */
    classify(err) {
        if (err instanceof errors_CommandFailedError) {
            if (err.exitCode === null && err.signal === null && /not found/.test(err.message)) {
                return new errors_ConfigurationError(`the docker CLI ('${this.program}') is not installed`, 'install docker.io (or docker-ce-cli) or set EDA_OCI_DOCKER to the docker program');
            }
            if (DAEMON_DOWN.some((re) => re.test(err.stderr))) {
                return new errors_ConfigurationError(`cannot reach the Docker daemon at ${this.describeHost()}: ${lastLine(err.stderr)}`, 'start dockerd (or the rootless daemon, see setup-rootless-docker) or set docker-host / DOCKER_HOST to its socket', { cause: err });
            }
        }
        return err;
    }
    /** Checks the daemon answers; returns its version and whether it runs rootless. */
    async ping(signal) {
        const r = await this.docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000, signal, quiet: true });
        const info = await this.docker(['info', '--format', '{{json .SecurityOptions}}'], { timeoutMs: 20_000, signal, quiet: true });
        return { version: r.stdout.trim(), rootless: info.stdout.includes('rootless') };
    }
    /**
     * The daemon's unix socket when the CLI would certainly talk to it (explicit unix:// host, or the default socket with
     * no docker context selected), else undefined. Used for quick read-only API calls.
     */
    socketPath() {
        if (!this.api)
            return undefined;
        if (this.host)
            return this.host.startsWith('unix://') ? this.host.slice('unix://'.length) : undefined;
        if (process.env.DOCKER_CONTEXT)
            return undefined;
        try {
            const cfgDir = process.env.DOCKER_CONFIG ?? external_node_path_default().join(external_node_os_default().homedir(), '.docker');
            const cfg = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(external_node_path_default().join(cfgDir, 'config.json'), 'utf8'));
            if (cfg.currentContext && cfg.currentContext !== 'default')
                return undefined;
        }
        catch {
            // No config file: the CLI uses the default socket too.
        }
        return '/var/run/docker.sock';
    }
    /**
     * A request to the Engine API over the unix socket: answers in a few ms where the CLI needs tens. Returns undefined
     * when the socket cannot be used, so the caller falls back to the CLI and its error messages.
     */
    apiRequest(method, pathname, opts = {}) {
        const socketPath = this.socketPath();
        if (!socketPath)
            return Promise.resolve(undefined);
        const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
        const headers = { Host: 'docker' };
        if (payload !== undefined)
            headers['Content-Type'] = 'application/json';
        return new Promise((resolve, reject) => {
            const req = external_node_http_default().request({ socketPath, method, path: pathname, timeout: opts.timeoutMs ?? 10_000, headers, signal: opts.signal }, (res) => {
                let body = '';
                res.setEncoding('utf8');
                res.on('data', (d) => (body += d));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
                res.on('error', () => resolve(undefined));
            });
            req.on('timeout', () => req.destroy());
            req.on('error', () => opts.signal?.aborted ? reject(new errors_CancelledError(`docker ${method} ${pathname} was cancelled`)) : resolve(undefined));
            req.end(payload);
        });
    }
    apiGet(pathname, timeoutMs) {
        return this.apiRequest('GET', pathname, { timeoutMs });
    }
    /** `docker image inspect`; undefined when the daemon has no such image. */
    async inspectImage(ref, signal) {
        const api = await this.apiGet(`/images/${encodeURIComponent(ref)}/json`, 10_000);
        if (api?.status === 200) {
            this.log.debug(`[api] GET /images/${ref}/json`);
            return JSON.parse(api.body);
        }
        if (api?.status === 404)
            return undefined;
        try {
            const r = await this.docker(['image', 'inspect', '--', ref], { timeoutMs: 30_000, signal, quiet: true });
            const parsed = JSON.parse(r.stdout);
            return parsed[0];
        }
        catch (err) {
            if (err instanceof errors_CommandFailedError && /No such (image|object)/i.test(err.stderr))
                return undefined;
            throw err;
        }
    }
    /** `docker pull`; registry errors become BundleError lines naming the image and what to check. */
    async pull(ref, platform, signal) {
        const args = ['pull', '--quiet'];
        if (platform)
            args.push('--platform', platform);
        args.push('--', ref.raw);
        try {
            await this.docker(args, { timeoutMs: 30 * 60_000, signal });
        }
        catch (err) {
            if (!(err instanceof errors_CommandFailedError))
                throw err;
            const line = lastLine(err.stderr);
            const registry = ref.registry ?? 'docker.io';
            if (UNREACHABLE.some((re) => re.test(err.stderr))) {
                throw new errors_BundleError(`cannot pull image '${ref.raw}': registry ${registry} is unreachable (${line})`, 'check the registry address and port, the network/proxy from this runner, or use pull: never with a local image', { cause: err });
            }
            if (NOT_FOUND.some((re) => re.test(err.stderr))) {
                throw new errors_BundleError(`image '${ref.raw}' was not found in registry ${registry} (${line})`, 'check the repository, tag or digest, and that this runner is logged in (docker login) if the repository is private', { cause: err });
            }
            throw new errors_BundleError(`cannot pull image '${ref.raw}': ${line}`, 'see the docker pull output above', { cause: err });
        }
    }
    /** Creates (never starts) a container from an image, labelled so leftovers can be found; returns its id. */
    async createContainer(image, label, platform, signal) {
        // An image without Entrypoint/Cmd cannot be created without a command; the container never runs, so any path will do.
        const entrypoint = '/.eda-oci-export';
        const eq = label.indexOf('=');
        const query = platform ? `?platform=${encodeURIComponent(platform)}` : '';
        const api = await this.apiRequest('POST', `/containers/create${query}`, {
            body: {
                Image: image,
                Entrypoint: [entrypoint],
                Labels: { [label.slice(0, eq)]: label.slice(eq + 1) },
                NetworkDisabled: true,
                HostConfig: { NetworkMode: 'none' },
            },
            timeoutMs: 120_000,
            signal,
        });
        if (api?.status === 201) {
            this.log.info(`[api] POST /containers/create (image ${image})`);
            return checkedId(JSON.parse(api.body).Id ?? '');
        }
        if (api)
            throw new errors_BundleError(`docker create of ${image} failed: ${apiMessage(api.body)}`, 'check the image and the daemon log');
        const args = ['container', 'create', '--label', label, '--network', 'none'];
        if (platform)
            args.push('--platform', platform);
        args.push('--entrypoint', entrypoint, '--', image);
        const r = await this.docker(args, { timeoutMs: 120_000, signal });
        return checkedId(r.stdout.trim().split('\n').pop() ?? '');
    }
    /**
     * Streams the export of a container (a tar of its filesystem): straight from the Engine API where the socket is
     * usable (no CLI process copying the stream through a pipe), else `docker export` on stdout.
     */
    exportContainer(id, signal) {
        const socketPath = this.socketPath();
        if (!socketPath)
            return this.spawnFn(this.program, ['container', 'export', id], { env: this.env, logger: this.log, signal });
        this.log.info(`[api] GET /containers/${id.slice(0, 12)}/export`);
        const stdout = new external_node_stream_namespaceObject.PassThrough({ highWaterMark: 1 << 20 });
        let killed = false;
        let settle;
        const done = new Promise((resolve, reject) => (settle = { resolve, reject }));
        done.catch(() => undefined);
        const fail = (message) => {
            settle.reject(killed
                ? new errors_CancelledError('docker export was stopped')
                : new errors_CommandFailedError(`docker export (engine API) failed: ${message}`, 'docker', ['container', 'export', id], null, null, message));
            stdout.end();
        };
        const req = external_node_http_default().request({ socketPath, method: 'GET', path: `/containers/${encodeURIComponent(id)}/export`, headers: { Host: 'docker' } }, (res) => {
            if (res.statusCode !== 200) {
                let body = '';
                res.setEncoding('utf8');
                res.on('data', (d) => (body += d));
                res.on('end', () => fail(apiMessage(body) || `HTTP ${res.statusCode}`));
                return;
            }
            res.on('aborted', () => fail('the connection to the daemon was cut mid-export'));
            res.on('error', (e) => fail(e.message));
            res.on('end', () => {
                if (res.complete)
                    settle.resolve(undefined);
                else
                    fail('the connection to the daemon was cut mid-export');
            });
            res.pipe(stdout);
        });
        req.on('error', (e) => fail(e.message));
        req.end();
        const kill = () => {
            killed = true;
            req.destroy();
        };
        const onAbort = () => kill();
        signal?.addEventListener('abort', onAbort, { once: true });
        void done.finally(() => signal?.removeEventListener('abort', onAbort)).catch(() => undefined);
        return { stdout, done, kill };
    }
    /** Removes a container if it exists (force). Never throws for an already-removed container. */
    async removeContainer(id) {
        const api = await this.apiRequest('DELETE', `/containers/${encodeURIComponent(id)}?force=1&v=1`, { timeoutMs: 60_000 });
        if (api?.status === 204 || api?.status === 404)
            return;
        try {
            await this.docker(['container', 'rm', '--force', '--volumes', id], { timeoutMs: 60_000, quiet: true });
        }
        catch (err) {
            if (err instanceof errors_CommandFailedError && /No such container/i.test(err.stderr))
                return;
            throw err;
        }
    }
    /** Containers carrying a label (leftovers of killed builds), with that label's value. */
    async listContainersByLabel(label) {
        const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
        const api = await this.apiGet(`/containers/json?all=1&filters=${filters}`, 10_000);
        if (api?.status === 200) {
            const list = JSON.parse(api.body);
            return list.map((c) => ({ id: c.Id, value: c.Labels?.[label] ?? '' }));
        }
        const r = await this.docker(['container', 'ls', '--all', '--no-trunc', '--filter', `label=${label}`, '--format', `{{.ID}} {{.Label ${JSON.stringify(label)}}}`], { timeoutMs: 30_000, quiet: true });
        return r.stdout
            .split('\n')
            .map((l) => l.trim().split(' '))
            .filter(([id]) => id !== undefined && /^[0-9a-f]{64}$/.test(id))
            .map(([id, value]) => ({ id: id, value: value ?? '' }));
    }
    /** Client and server versions (for provenance), in one call. */
    async versions() {
        const api = await this.apiGet('/version', 10_000);
        if (api?.status === 200) {
            // The CLI is not run on this path: its version is only known when the CLI is used.
            return { client: 'not used (engine API)', server: JSON.parse(api.body).Version ?? 'unknown' };
        }
        const r = await this.docker(['version', '--format', '{{.Client.Version}} {{.Server.Version}}'], { timeoutMs: 20_000, quiet: true });
        const [client = 'unknown', server = 'unknown'] = r.stdout.trim().split(' ');
        return { client, server };
    }
}
function checkedId(id) {
    if (!/^[0-9a-f]{64}$/.test(id))
        throw new errors_BundleError(`docker create returned an unexpected id '${id}'`, 'check the docker CLI and daemon versions');
    return id;
}
/** The `message` of an Engine API error body, else the body. */
function apiMessage(body) {
    try {
        return JSON.parse(body).message ?? body.trim();
    }
    catch {
        return body.trim();
    }
}
/** The repo digest (`sha256:...`) of an image as it came from the registry named by `ref`, or '' when none. */
function repoDigestFor(image, ref) {
    if (ref.digest)
        return ref.digest;
    if (ref.isId)
        return '';
    const repo = familiarRepository(ref);
    for (const d of image.RepoDigests ?? []) {
        const at = d.lastIndexOf('@');
        if (at > 0 && d.slice(0, at) === repo)
            return d.slice(at + 1);
    }
    return '';
}
/** `os/arch[/variant]` of an inspected image. */
function imagePlatform(image) {
    return [image.Os, image.Architecture, image.Variant].filter(Boolean).join('/');
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./packages/docker/src/rootless/checks.ts
// Prerequisite checks for rootless Docker: one table row per check, each failure with the exact one-line fix.





/** Subordinate ids rootless Docker needs (uid/gid 0..65535 inside the user namespace). */
const SUBID_MIN = 65536;
const STANDARD_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const CONTRIB_DIRS = ['/usr/share/docker.io/contrib', '/usr/share/docker/contrib', '/usr/libexec/docker', '/usr/lib/docker'];
/** statfs f_type magic numbers of network/cluster file systems (linux/magic.h and the vendors' sources). */
const NETWORK_FS = {
    0x6969: 'NFS',
    0x517b: 'SMB',
    0xff534d42: 'CIFS',
    0xfe534d42: 'SMB2',
    0x0bd00bd0: 'Lustre',
    0x47504653: 'GPFS',
    0x19830326: 'BeeGFS',
    0x5346414f: 'AFS',
    0x6b414653: 'AFS (kAFS)',
    0x00c36400: 'CephFS',
    0x564c: 'NCP',
    0x73757245: 'Coda',
};
const FUSE_MAGIC = 0x65735546;
const LOCAL_FS = {
    0xef53: 'ext4',
    0x58465342: 'xfs',
    0x9123683e: 'btrfs',
    0x01021994: 'tmpfs',
    0x794c7630: 'overlay',
    0x2fc12fc1: 'zfs',
};
const PACKAGES = {
    uidmap: { apt: 'uidmap', dnf: 'shadow-utils', zypper: 'shadow' },
    dockerd: { apt: 'docker.io', dnf: 'docker-ce', zypper: 'docker' },
    'dockerd-rootless.sh': { apt: 'docker.io', dnf: 'docker-ce-rootless-extras', zypper: 'docker-rootless-extras' },
    rootlesskit: { apt: 'rootlesskit', dnf: 'docker-ce-rootless-extras', zypper: 'rootlesskit' },
    slirp4netns: { apt: 'slirp4netns', dnf: 'slirp4netns', zypper: 'slirp4netns' },
    docker: { apt: 'docker.io', dnf: 'docker-ce-cli', zypper: 'docker' },
};
/** `as root: apt-get install X` for the package providing `what` (Debian names when the manager is unknown). */
function installFix(what, pm) {
    const pkg = PACKAGES[what][pm ?? 'apt'];
    const cmd = pm === 'dnf' ? 'dnf install' : pm === 'zypper' ? 'zypper install' : 'apt-get install';
    return `as root: ${cmd} ${pkg}`;
}
/** The data-root the action uses when none is given: local disk, per user (daemon.json paths are literal). */
function defaultDataRoot(username) {
    return `/var/tmp/${username}/containers/storage`;
}
/** Validates a data-root path: absolute, normalized, no control characters, not `/`. */
function validateDataRoot(dir) {
    const fix = 'use an absolute directory on a local disk, e.g. /var/tmp/$USER/containers/storage';
    if (!external_node_path_default().isAbsolute(dir))
        throw new errors_ConfigurationError(`data-root '${dir}' is not an absolute path`, fix);
    if ([...dir].some((c) => c.charCodeAt(0) < 0x20))
        throw new errors_ConfigurationError(`data-root '${JSON.stringify(dir)}' contains control characters`, fix);
    const normal = external_node_path_default().normalize(dir).replace(/\/+$/, '') || '/';
    if (normal === '/')
        throw new errors_ConfigurationError(`data-root '${dir}' is the root directory`, fix);
    if (dir.split('/').includes('..'))
        throw new errors_ConfigurationError(`data-root '${dir}' contains '..'`, fix);
    return normal;
}
function detectPackageManager() {
    if ((0,external_node_fs_namespaceObject.existsSync)('/usr/bin/apt-get'))
        return 'apt';
    if ((0,external_node_fs_namespaceObject.existsSync)('/usr/bin/dnf') || (0,external_node_fs_namespaceObject.existsSync)('/usr/bin/yum'))
        return 'dnf';
    if ((0,external_node_fs_namespaceObject.existsSync)('/usr/bin/zypper'))
        return 'zypper';
    return undefined;
}
function currentUsername(env, uid) {
    try {
        return external_node_os_default().userInfo().username;
    }
    catch {
        // No passwd entry (e.g. an arbitrary uid in a container).
        return env.USER ?? String(uid);
    }
}
/** The real system: this process's user, /etc/sub[ug]id, /proc/sys, /dev/net/tun, PATH. */
function checks_defaultCheckDeps(env = process.env) {
    const uid = process.getuid?.() ?? -1;
    return {
        uid,
        gids: [...new Set([process.getgid?.() ?? -1, ...(process.getgroups?.() ?? [])])],
        username: currentUsername(env, uid),
        env,
        subuidFile: '/etc/subuid',
        subgidFile: '/etc/subgid',
        statfs: (p) => (0,promises_namespaceObject.statfs)(p),
        tunDevice: '/dev/net/tun',
        openReadWrite: async (p) => {
            const fh = await (0,promises_namespaceObject.open)(p, external_node_fs_namespaceObject.constants.O_RDWR);
            await fh.close();
        },
        readSysctl: async (name) => {
            try {
                return (await (0,promises_namespaceObject.readFile)(external_node_path_default().join('/proc/sys', name), 'utf8')).trim();
            }
            catch {
                return undefined;
            }
        },
        readFileCaps: readCapabilityXattr,
        apparmorDir: '/etc/apparmor.d',
        searchDirs: CONTRIB_DIRS,
        systemDirs: STANDARD_DIRS,
        runUserDir: '/run/user',
        tmpDir: '/tmp',
        packageManager: detectPackageManager(),
    };
}
/** True when the checked user is this process's user, so real access()/open() results apply to them. */
function isSelf(deps) {
    return deps.uid === process.getuid?.();
}
/** Permission bits for `want` (4 r, 2 w, 1 x) as the kernel evaluates them: owner class first, then group, then other. */
function modeAllows(st, deps, want) {
    if (deps.uid === 0)
        return true;
    const bits = st.uid === deps.uid ? (st.mode >> 6) & 7 : deps.gids.includes(st.gid) ? (st.mode >> 3) & 7 : st.mode & 7;
    return (bits & want) === want;
}
function octal(mode) {
    return (mode & 0o7777).toString(8).padStart(4, '0');
}
/** PATH for the daemon: the caller's absolute PATH entries plus the standard dirs that are missing. */
function daemonSearchPath(envPath, systemDirs = STANDARD_DIRS) {
    const dirs = (envPath ?? '').split(':').filter((d) => d.startsWith('/'));
    for (const d of systemDirs)
        if (!dirs.includes(d))
            dirs.push(d);
    return dirs.join(':');
}
/** First executable regular file `name` in `dirs`. */
async function findExecutable(name, dirs) {
    for (const d of dirs) {
        const p = external_node_path_default().join(d, name);
        try {
            const st = await (0,promises_namespaceObject.stat)(p);
            if (st.isFile() && (st.mode & 0o111) !== 0)
                return p;
        }
        catch {
            // not here
        }
    }
    return undefined;
}
function ok(name, detail) {
    return { name, ok: true, detail, fix: '' };
}
function fail(name, detail, fix) {
    return { name, ok: false, detail, fix };
}
/** Not root: rootless Docker runs as an ordinary user (dockerd-rootless.sh refuses uid 0). */
function checkUser(deps) {
    if (deps.uid === 0) {
        return fail('user', 'running as root (uid 0); rootless Docker needs an ordinary user', 'run the job as an ordinary user (e.g. the runner service account), or use the system dockerd when root');
    }
    return ok('user', `${deps.username} (uid ${deps.uid})`);
}
function parseSubIds(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const f = line.trim().split(':');
        if (f.length !== 3 || !/^\d+$/.test(f[1]) || !/^\d+$/.test(f[2]))
            continue;
        out.push({ owner: f[0], start: Number(f[1]), count: Number(f[2]) });
    }
    return out;
}
/** A /etc/subuid or /etc/subgid range of >= 65536 ids for the user (by name or uid); the fix names a free range. */
async function checkSubIds(kind, deps) {
    const file = kind === 'uid' ? deps.subuidFile : deps.subgidFile;
    const name = `sub${kind}`;
    let text = '';
    try {
        text = await (0,promises_namespaceObject.readFile)(file, 'utf8');
    }
    catch {
        // Missing file: same as no line.
    }
    const lines = parseSubIds(text);
    const mine = lines.filter((l) => l.owner === deps.username || l.owner === String(deps.uid));
    const best = mine.sort((a, b) => b.count - a.count)[0];
    if (best && best.count >= SUBID_MIN) {
        return ok(name, `${best.owner}:${best.start}:${best.count} in ${file}`);
    }
    // Next free start above every range in the file, at least 100000 (what useradd picks).
    const start = Math.max(100000, ...lines.map((l) => l.start + l.count));
    const fix = `as root: usermod --add-sub${kind}s ${start}-${start + SUBID_MIN - 1} ${deps.username}`;
    const detail = best
        ? `${deps.username} has only ${best.count} subordinate ${kind}s in ${file} (${best.start}:${best.count}); rootless Docker needs ${SUBID_MIN}`
        : `no line for ${deps.username} (uid ${deps.uid}) in ${file}`;
    return fail(name, detail, fix);
}
/** CAP_SETGID and CAP_SETUID bit numbers (linux/capability.h). */
const CAP_BIT = { newgidmap: 6, newuidmap: 7 };
/**
 * Reads `security.capability` with getfattr (package attr; Node has no xattr API). Undefined when the file has no
 * capabilities or getfattr is missing; the check then reports what it could see.
 */
async function readCapabilityXattr(p) {
    const r = await runCommand('getfattr', ['--absolute-names', '-e', 'hex', '-n', 'security.capability', p], {
        timeoutMs: 5_000,
        logger: logger_silentLogger,
        quiet: true,
        okExitCodes: [0, 1],
    }).catch(() => undefined);
    const hex = r?.exitCode === 0 ? /^security\.capability=0x([0-9a-f]+)$/im.exec(r.stdout)?.[1] : undefined;
    return hex ? Buffer.from(hex, 'hex') : undefined;
}
/**
 * True when raw vfs_cap_data grants capability `bit` as permitted and effective (`cap_X=ep`): le32 magic_etc whose
 * low bit is the effective flag, then le32 permitted/inheritable pairs (the first pair covers bits 0..31).
 */
function capabilityGranted(raw, bit) {
    if (!raw || raw.length < 12)
        return false;
    const magicEtc = raw.readUInt32LE(0);
    const permitted = raw.readUInt32LE(4);
    return (magicEtc & 0x1) === 1 && (permitted & (1 << bit)) !== 0;
}
/** newuidmap/newgidmap present and able to map ids: setuid root, or file capability cap_setuid/cap_setgid=ep. */
async function checkIdMapper(program, deps) {
    const dirs = daemonSearchPath(deps.env.PATH, deps.systemDirs).split(':');
    const found = await findExecutable(program, dirs);
    if (!found)
        return fail(program, `${program} not found in ${dirs.join(':')}`, installFix('uidmap', deps.packageManager));
    const st = await (0,promises_namespaceObject.stat)(found);
    if ((st.mode & 0o4000) !== 0 && st.uid === 0)
        return ok(program, `${found} (setuid root)`);
    const cap = program === 'newuidmap' ? 'cap_setuid' : 'cap_setgid';
    if (capabilityGranted(await deps.readFileCaps(found), CAP_BIT[program])) {
        return ok(program, `${found} (file capability ${cap}=ep)`);
    }
    return fail(program, `${found} is neither setuid root nor has ${cap}=ep (mode ${octal(st.mode)}, owner uid ${st.uid}; getfattr reads capabilities)`, `as root: chown root ${found} && chmod u+s ${found}  (or: setcap ${cap}=ep ${found})`);
}
/** Unprivileged user namespaces allowed (max_user_namespaces, Debian's unprivileged_userns_clone, Ubuntu's AppArmor knob). */
async function checkUserNamespaces(deps) {
    const name = 'user namespaces';
    const max = await deps.readSysctl('user/max_user_namespaces');
    if (max !== undefined && Number(max) === 0) {
        return fail(name, 'user.max_user_namespaces is 0 (user namespaces disabled)', 'as root: sysctl -w user.max_user_namespaces=28633');
    }
    const clone = await deps.readSysctl('kernel/unprivileged_userns_clone');
    if (clone !== undefined && clone === '0') {
        return fail(name, 'kernel.unprivileged_userns_clone is 0 (unprivileged user namespaces disabled)', 'as root: sysctl -w kernel.unprivileged_userns_clone=1');
    }
    // Ubuntu 23.10+: unprivileged user namespaces are refused unless AppArmor has a profile for the program.
    const apparmor = await deps.readSysctl('kernel/apparmor_restrict_unprivileged_userns');
    if (apparmor === '1') {
        const profiles = await (0,promises_namespaceObject.readdir)(deps.apparmorDir).catch(() => []);
        if (!profiles.some((p) => p.includes('rootlesskit'))) {
            return fail(name, `kernel.apparmor_restrict_unprivileged_userns is 1 and ${deps.apparmorDir} has no rootlesskit profile`, `as root: install an AppArmor profile for rootlesskit (https://docs.docker.com/go/rootless/) or sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`);
        }
    }
    const parts = [`user.max_user_namespaces=${max ?? '?'}`];
    if (clone !== undefined)
        parts.push(`kernel.unprivileged_userns_clone=${clone}`);
    return ok(name, parts.join(', '));
}
/** /dev/net/tun openable read-write: rootlesskit's slirp4netns (and vpnkit) network creates a tap device through it. */
async function checkTun(deps) {
    const name = '/dev/net/tun';
    const dev = deps.tunDevice;
    let st;
    try {
        st = await (0,promises_namespaceObject.stat)(dev);
    }
    catch {
        return fail(name, `${dev} does not exist`, `as root: modprobe tun (or mknod ${dev} c 10 200) && chmod 666 ${dev}`);
    }
    if (!modeAllows(st, deps, 6)) {
        return fail(name, `${dev} is mode ${octal(st.mode)} owner ${st.uid}:${st.gid}: ${deps.username} cannot open it read-write (rootlesskit needs it for tap0)`, `as root: chmod 666 ${dev}`);
    }
    if (isSelf(deps)) {
        try {
            await deps.openReadWrite(dev);
        }
        catch (err) {
            const e = err;
            return fail(name, `cannot open ${dev} read-write: ${e.code ?? e.message}`, `as root: chmod 666 ${dev} (in a container also pass the device: --device ${dev})`);
        }
    }
    return ok(name, `${dev} is usable read-write`);
}
/** Why a directory cannot serve as this user's runtime dir, or undefined when it can (ours, a directory, exactly 0700). */
async function runtimeDirProblem(dir, deps) {
    let st;
    try {
        st = await (0,promises_namespaceObject.lstat)(dir);
    }
    catch {
        return 'does not exist';
    }
    if (st.isSymbolicLink())
        return 'is a symbolic link';
    if (!st.isDirectory())
        return 'is not a directory';
    if (st.uid !== deps.uid)
        return `is owned by uid ${st.uid}, another user`;
    if ((st.mode & 0o777) !== 0o700)
        return `has mode ${octal(st.mode)}, not 0700`;
    return undefined;
}
/**
 * The runtime dir (XDG_RUNTIME_DIR) for the daemon's socket and state. An unset XDG_RUNTIME_DIR or one that belongs to
 * another user (left over after su/sudo) is not a failure: /run/user/<uid> is used when it is ours, else a private 0700
 * directory below /tmp. Another user's directory is never touched.
 */
async function planRuntimeDir(deps) {
    const name = 'XDG_RUNTIME_DIR';
    const given = deps.env.XDG_RUNTIME_DIR;
    let why = 'XDG_RUNTIME_DIR is unset';
    if (given) {
        const problem = external_node_path_default().isAbsolute(given) ? await runtimeDirProblem(given, deps) : 'is not an absolute path';
        if (!problem)
            return { row: ok(name, `${given} (ours, 0700)`), plan: { path: given, create: false } };
        why = `XDG_RUNTIME_DIR=${given} ${problem}; not touched`;
    }
    const runUser = external_node_path_default().join(deps.runUserDir, String(deps.uid));
    if (!(await runtimeDirProblem(runUser, deps))) {
        return { row: ok(name, `${runUser} (${why})`), plan: { path: runUser, create: false } };
    }
    const priv = external_node_path_default().join(deps.tmpDir, `eda-oci-runtime-${deps.uid}`);
    const problem = await runtimeDirProblem(priv, deps);
    if (!problem)
        return { row: ok(name, `${priv} (private; ${why})`), plan: { path: priv, create: false } };
    if (problem === 'does not exist') {
        return { row: ok(name, `${priv} (private, created 0700; ${why})`), plan: { path: priv, create: true } };
    }
    return {
        row: fail(name, `${why}, and the private fallback ${priv} ${problem}`, `set XDG_RUNTIME_DIR to a 0700 directory owned by ${deps.username}, or as root: rm -rf ${priv}`),
    };
}
/**
 * data-root on a local file system (Docker's overlay storage does not work on NFS/CIFS/Lustre/GPFS...), owned by us
 * when it exists, else creatable: its nearest existing ancestor is writable and belongs to us or root.
 */
async function checkDataRoot(dataRoot, deps) {
    const name = 'data-root';
    const fixDir = `set data-root to a directory on a local disk owned by ${deps.username}, e.g. ${defaultDataRoot(deps.username)}`;
    let dir = dataRoot;
    let st;
    for (;;) {
        try {
            st = await (0,promises_namespaceObject.stat)(dir);
            break;
        }
        catch {
            const parent = external_node_path_default().dirname(dir);
            if (parent === dir)
                break;
            dir = parent;
        }
    }
    if (!st)
        return fail(name, `no existing ancestor of ${dataRoot}`, fixDir);
    const exists = dir === dataRoot;
    if (exists) {
        if (!st.isDirectory())
            return fail(name, `${dataRoot} exists and is not a directory`, fixDir);
        if (st.uid !== deps.uid) {
            return fail(name, `${dataRoot} is owned by uid ${st.uid}; the rootless daemon runs as ${deps.username} (uid ${deps.uid})`, `${fixDir}, or as root: chown -R ${deps.username} ${dataRoot}`);
        }
    }
    else {
        if (!st.isDirectory())
            return fail(name, `${dir} (an ancestor of ${dataRoot}) is not a directory`, fixDir);
        if (st.uid !== deps.uid && st.uid !== 0) {
            return fail(name, `${dir} (an ancestor of ${dataRoot}) is owned by uid ${st.uid}, another user who could tamper with the Docker storage`, fixDir);
        }
    }
    let writable = modeAllows(st, deps, 3);
    if (writable && isSelf(deps))
        writable = await (0,promises_namespaceObject.access)(dir, external_node_fs_namespaceObject.constants.W_OK | external_node_fs_namespaceObject.constants.X_OK).then(() => true, () => false);
    if (!writable) {
        return fail(name, `${dir} is not writable by ${deps.username} (mode ${octal(st.mode)}, owner uid ${st.uid})`, fixDir);
    }
    let type;
    try {
        type = (await deps.statfs(dir)).type >>> 0;
    }
    catch (err) {
        return fail(name, `cannot statfs ${dir}: ${err.message}`, fixDir);
    }
    const magic = `0x${type.toString(16)}`;
    const network = NETWORK_FS[type];
    if (network) {
        return fail(name, `${dataRoot} is on ${network} (statfs type ${magic}); Docker storage must be on a local file system`, `set data-root to a directory on a local disk, e.g. ${defaultDataRoot(deps.username)}`);
    }
    const fsName = type === FUSE_MAGIC ? 'FUSE (make sure it is a local file system, not sshfs or similar)' : (LOCAL_FS[type] ?? magic);
    return ok(name, `${dataRoot} (${fsName}${exists ? '' : ', will be created'})`);
}
/** The daemon.json rootless dockerd reads: $XDG_CONFIG_HOME/docker or ~/.config/docker. */
function daemonConfigFile(env, home) {
    const base = env.XDG_CONFIG_HOME && external_node_path_default().isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : external_node_path_default().join(home, '.config');
    return external_node_path_default().join(base, 'docker', 'daemon.json');
}
/** HOME exists (dockerd-rootless.sh requires it) and an existing daemon.json is a JSON object without `hosts`. */
async function checkDaemonConfig(deps, dataRoot) {
    const name = 'daemon.json';
    const home = deps.env.HOME ?? '';
    const file = daemonConfigFile(deps.env, home || '/nonexistent');
    if (!home ||
        !external_node_path_default().isAbsolute(home) ||
        !(await (0,promises_namespaceObject.stat)(home).then((s) => s.isDirectory(), () => false))) {
        return {
            row: fail(name, `HOME '${home}' is not an existing directory`, `set HOME to the home directory of ${deps.username}`),
            file,
            home,
        };
    }
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        if (code === 'ENOENT')
            return { row: ok(name, `${file} (will be created)`), file, home };
        return { row: fail(name, `cannot read ${file}: ${code}`, `as root: chown ${deps.username} ${file}`), file, home };
    }
    let parsed;
    try {
        parsed = text.trim() === '' ? {} : JSON.parse(text);
    }
    catch (err) {
        return {
            row: fail(name, `${file} is not valid JSON: ${err.message}`, `fix the JSON syntax in ${file} or move it aside`),
            file,
            home,
        };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { row: fail(name, `${file} is not a JSON object`, `make ${file} a JSON object ({...}) or move it aside`), file, home };
    }
    const config = parsed;
    if ('hosts' in config) {
        return {
            row: fail(name, `${file} sets "hosts"; setup-rootless-docker needs the daemon on its default socket in XDG_RUNTIME_DIR`, `remove "hosts" from ${file}`),
            file,
            home,
            config,
        };
    }
    const current = config['data-root'];
    const note = current !== undefined && current !== dataRoot ? `; data-root ${JSON.stringify(current)} will become ${dataRoot}` : '';
    return { row: ok(name, `${file}${note}`), file, home, config };
}
async function checkProgram(name, candidates, dirs, fix) {
    for (const c of candidates) {
        const found = await findExecutable(c, dirs);
        if (found)
            return { row: ok(name, found), found };
    }
    return { row: fail(name, `${candidates.join(' or ')} not found in ${dirs.join(':')}`, fix) };
}
/**
 * Runs every prerequisite check (none has a side effect) and returns the table, plus what the setup needs: the runtime
 * dir plan, the daemon's PATH, dockerd-rootless.sh and the daemon.json path and content.
 */
async function checks_runChecks(options = {}, deps = checks_defaultCheckDeps()) {
    const dataRoot = validateDataRoot(options.dataRoot ?? defaultDataRoot(deps.username));
    const daemonPath = daemonSearchPath(deps.env.PATH, deps.systemDirs);
    const pathDirs = daemonPath.split(':');
    const pm = deps.packageManager;
    const runtime = await planRuntimeDir(deps);
    const config = await checkDaemonConfig(deps, dataRoot);
    const script = await checkProgram('dockerd-rootless.sh', ['dockerd-rootless.sh'], [...pathDirs, ...deps.searchDirs], `${installFix('dockerd-rootless.sh', pm)}${pm === 'apt' || !pm ? ' (or docker-ce-rootless-extras from the Docker repository)' : ''}`);
    const dockerCli = deps.env.EDA_OCI_DOCKER;
    const docker = dockerCli && external_node_path_default().isAbsolute(dockerCli)
        ? await checkProgram('docker CLI', [external_node_path_default().basename(dockerCli)], [external_node_path_default().dirname(dockerCli)], `set EDA_OCI_DOCKER to an existing docker program`)
        : await checkProgram('docker CLI', [dockerCli || 'docker'], pathDirs, installFix('docker', pm));
    const rows = [
        checkUser(deps),
        await checkSubIds('uid', deps),
        await checkSubIds('gid', deps),
        await checkIdMapper('newuidmap', deps),
        await checkIdMapper('newgidmap', deps),
        await checkUserNamespaces(deps),
        await checkTun(deps),
        runtime.row,
        await checkDataRoot(dataRoot, deps),
        config.row,
        script.row,
        (await checkProgram('dockerd', ['dockerd'], pathDirs, installFix('dockerd', pm))).row,
        (await checkProgram('rootlesskit', ['rootlesskit', 'docker-rootlesskit'], pathDirs, installFix('rootlesskit', pm))).row,
        (await checkProgram('slirp4netns', ['slirp4netns', 'vpnkit'], pathDirs, installFix('slirp4netns', pm))).row,
        docker.row,
    ];
    return {
        ok: rows.every((r) => r.ok),
        rows,
        dataRoot,
        runtimeDir: runtime.plan,
        daemonPath,
        dockerdRootless: script.found,
        configFile: config.file,
        existingConfig: config.config,
        home: config.home,
    };
}
/** The table as plain text: `ok`/`FAIL`, name, detail, and an indented `fix:` line under each failure. */
function formatCheckTable(rows) {
    const width = Math.max(...rows.map((r) => r.name.length)) + 2;
    return rows
        .map((r) => `${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(width)}${r.detail}${r.ok ? '' : `\n      ${''.padEnd(width)}fix: ${r.fix}`}`)
        .join('\n');
}
/** Thrown when prerequisites fail: one line per failed check with its fix; `rows` is the whole table. */
class checks_PrerequisiteError extends errors_ConfigurationError {
    rows;
    name = 'PrerequisiteError';
    constructor(rows) {
        const user = rows.find((r) => r.name === 'user' && !r.ok);
        // Running as root makes every per-user check moot: report only that.
        const failed = user ? [user] : rows.filter((r) => !r.ok);
        const line = failed.map((r) => `${r.name}: ${r.detail}; fix: ${r.fix}`).join(' | ');
        super(failed.length === 1
            ? `rootless Docker prerequisite failed: ${line}`
            : `${failed.length} rootless Docker prerequisites failed: ${line}`);
        this.rows = rows;
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./packages/docker/src/rootless/daemon.ts
// Rootless dockerd of the current user: checks, daemon.json merge, start (or reuse a running one), wait until healthy, stop.








const LOCK_NAME = 'eda-oci-setup-rootless-docker.lock';
const LOG_NAME = 'eda-oci-dockerd-rootless.log';
/** Environment passed through to the daemon (proxies for pulls, rootlesskit knobs); everything else is dropped. */
const PASS_ENV = /^(XDG_CONFIG_HOME|DOCKERD_ROOTLESS_[A-Z0-9_]+|HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy|TZ|LANG|LC_ALL)$/;
/** Parses the daemon-config input: a JSON object; `hosts` is refused (the daemon must stay on its default socket). */
function parseDaemonConfig(text, where = 'daemon-config') {
    if (text === undefined || text.trim() === '')
        return {};
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (err) {
        throw new ConfigurationError(`${where} is not valid JSON: ${err.message}`, `give a JSON object, e.g. {"log-level": "warn"}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ConfigurationError(`${where} is not a JSON object`, `give a JSON object, e.g. {"log-level": "warn"}`);
    }
    if ('hosts' in value) {
        throw new ConfigurationError(`${where} sets "hosts"`, 'remove it: the rootless daemon listens on unix://$XDG_RUNTIME_DIR/docker.sock');
    }
    return value;
}
function canonical(v) {
    if (Array.isArray(v))
        return `[${v.map(canonical).join(',')}]`;
    if (v && typeof v === 'object') {
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(',')}}`;
    }
    return JSON.stringify(v);
}
/**
 * daemon.json content: the user's keys, then `overlay` on top, then data-root. `changed` is false when the file already
 * says the same (it is then left alone, formatting included).
 */
function mergeDaemonConfig(existing, overlay, dataRoot) {
    if (overlay['data-root'] !== undefined && overlay['data-root'] !== dataRoot) {
        throw new ConfigurationError(`daemon-config sets data-root ${JSON.stringify(overlay['data-root'])}, which differs from data-root ${dataRoot}`, 'set the data-root input instead');
    }
    const config = { ...existing, ...overlay, 'data-root': dataRoot };
    return { config, changed: existing === undefined || canonical(existing) !== canonical(config) };
}
/**
 * Writes daemon.json atomically (temp file in the same directory, fsync, rename) after copying the previous file to
 * `<file>.eda-oci-backup-<time>`. A symlinked daemon.json (dotfile managers) is written through to its target.
 */
async function writeDaemonJson(file, config, now = new Date()) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    let target = file;
    let mode = 0o644;
    let backup;
    const st = await lstat(file).catch(() => undefined);
    if (st) {
        target = st.isSymbolicLink() ? await realpath(file) : file;
        mode = (await lstat(target)).mode & 0o777;
        backup = `${target}.eda-oci-backup-${now.toISOString().replace(/[-:.]/g, '')}`;
        await copyFile(target, backup, constants.COPYFILE_EXCL);
    }
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
        const fh = await open(tmp, 'wx', mode);
        try {
            await fh.writeFile(`${JSON.stringify(config, null, 2)}\n`);
            await fh.sync();
        }
        finally {
            await fh.close();
        }
        await rename(tmp, target);
    }
    catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw err;
    }
    return { backup };
}
/** GET /info on a daemon's unix socket; undefined when nothing answers (no socket, refused, timeout, not Docker). */
function probeDaemon(socket, timeoutMs = 3000) {
    return new Promise((resolve) => {
        const req = http.get({ socketPath: socket, path: '/info', headers: { Host: 'docker' }, timeout: timeoutMs }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => (body += d));
            res.on('error', () => resolve(undefined));
            res.on('end', () => {
                if (res.statusCode !== 200)
                    return resolve(undefined);
                try {
                    const info = JSON.parse(body);
                    resolve({
                        rootless: (info.SecurityOptions ?? []).some((s) => s.split(',').includes('name=rootless')),
                        dockerRootDir: info.DockerRootDir ?? '',
                        serverVersion: info.ServerVersion ?? '',
                    });
                }
                catch {
                    resolve(undefined);
                }
            });
        });
        req.on('timeout', () => req.destroy());
        req.on('error', () => resolve(undefined));
    });
}
function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(new CancelledError('rootless Docker setup was cancelled'));
        const onAbort = () => {
            clearTimeout(t);
            reject(new CancelledError('rootless Docker setup was cancelled'));
        };
        const t = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** The holder recorded in a lock file is alive (same pid and start time). */
function holderAlive(text) {
    try {
        const h = JSON.parse(text);
        if (typeof h.pid !== 'number')
            return { alive: false };
        const p = procInfo(h.pid);
        return { alive: Boolean(p && !p.zombie && (h.startTime === undefined || p.startTime === h.startTime)), pid: h.pid };
    }
    catch {
        return { alive: false };
    }
}
/**
 * Serializes setups of one user: an O_EXCL lock file with our pid and start time in the runtime dir. A lock whose
 * holder is dead is taken over (re-read just before removal, so a lock a third run just took is not removed).
 * Resolves with the release function.
 */
async function acquireSetupLock(dir, opts) {
    const file = path.join(dir, LOCK_NAME);
    const me = JSON.stringify({ pid: process.pid, startTime: procInfo(process.pid)?.startTime, host: os.hostname() });
    const deadline = Date.now() + opts.timeoutMs;
    let announced = false;
    for (;;) {
        // The lock appears with its content (written to a temp file, then hard-linked into place; link fails when the lock
        // exists): an O_EXCL create followed by a write would show other runs an empty lock they could take for stale.
        const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
        await writeFile(tmp, me, { mode: 0o600 });
        try {
            await link(tmp, file);
            return async () => {
                if ((await readFile(file, 'utf8').catch(() => '')) === me)
                    await unlink(file).catch(() => undefined);
            };
        }
        catch (err) {
            if (err.code !== 'EEXIST')
                throw err;
        }
        finally {
            await unlink(tmp).catch(() => undefined);
        }
        const text = await readFile(file, 'utf8').catch(() => undefined);
        if (text === undefined)
            continue;
        const holder = holderAlive(text);
        if (!holder.alive) {
            if ((await readFile(file, 'utf8').catch(() => undefined)) === text) {
                opts.logger?.info(`taking over the setup lock ${file} of a run that is gone${holder.pid ? ` (pid ${holder.pid})` : ''}`);
                await unlink(file).catch(() => undefined);
            }
            continue;
        }
        if (!announced) {
            opts.logger?.info(`waiting for another setup-rootless-docker run of this user (pid ${holder.pid}, lock ${file})`);
            announced = true;
        }
        if (Date.now() > deadline) {
            throw new EdaOciError(`another setup-rootless-docker run of this user (pid ${holder.pid}) still holds ${file} after ${Math.round(opts.timeoutMs / 1000)} s`, `wait for it to finish, or stop pid ${holder.pid}`);
        }
        await sleep(200, opts.signal);
    }
}
/** Creates the private runtime dir (0700) or verifies an existing one is ours and a real directory. */
async function ensureRuntimeDir(dir, uid) {
    await mkdir(dir, { mode: 0o700 }).catch((err) => {
        if (err.code !== 'EEXIST')
            throw err;
    });
    const st = await lstat(dir);
    if (!st.isDirectory() || st.uid !== uid) {
        throw new ConfigurationError(`runtime dir ${dir} is not a directory owned by uid ${uid}`, `as root: rm -rf ${dir}`);
    }
    if ((st.mode & 0o777) !== 0o700)
        await chmod(dir, 0o700);
}
/** The daemon answers on `socket`, which belongs to `uid` (another user's socket is never reused). */
async function probeOwnDaemon(socket, uid) {
    const st = await lstat(socket).catch(() => undefined);
    if (!st || !st.isSocket() || st.uid !== uid)
        return undefined;
    return probeDaemon(socket);
}
/** The last lines of a log file (empty when unreadable). */
async function logTail(file, lines = 200) {
    const text = await readFile(file, 'utf8').catch(() => '');
    return text
        .split('\n')
        .filter((l, i, a) => l !== '' || i < a.length - 1)
        .slice(-lines);
}
/** The most telling line of a failed start-up log (rootlesskit/dockerd errors), without shell trace lines. */
function salientLogLine(lines) {
    const interesting = /level=(error|fatal)|\berror\b|failed|denied|needs to be|must be|not found|cannot|No such/i;
    for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i].trim();
        if (l && !l.startsWith('+') && interesting.test(l))
            return l.length > 300 ? `${l.slice(0, 300)}...` : l;
    }
    return '';
}
/** Environment of the daemon: a clean one with what dockerd-rootless.sh needs, plus pass-through knobs. */
function daemonEnv(env, v) {
    const out = {
        HOME: v.home,
        USER: v.user,
        LOGNAME: v.user,
        PATH: v.path,
        XDG_RUNTIME_DIR: v.runtimeDir,
    };
    for (const [k, val] of Object.entries(env))
        if (PASS_ENV.test(k) && val !== undefined)
            out[k] = val;
    // The GitHub runner kills processes carrying its RUNNER_TRACKING_ID when the job ends (orphan clean-up); a daemon that
    // must outlive the job is started without it, one that must not is left with it as a safety net.
    if (!v.keepRunning && env.RUNNER_TRACKING_ID)
        out.RUNNER_TRACKING_ID = env.RUNNER_TRACKING_ID;
    return out;
}
/**
 * Makes a rootless Docker daemon of the current user available: runs the prerequisite checks (failing with
 * PrerequisiteError before touching anything), merges daemon.json, then reuses a healthy rootless daemon already
 * answering on $XDG_RUNTIME_DIR/docker.sock or starts dockerd-rootless.sh detached and waits until `/info` answers and
 * reports rootless. A daemon that fails to come up, or a cancellation, stops what this call started. Concurrent calls
 * of one user are serialized with a lock in the runtime dir.
 */
async function setupRootlessDocker(options = {}, deps = {}) {
    const logger = deps.logger ?? silentLogger;
    const checkDeps = deps.checks ?? defaultCheckDeps();
    const waitSeconds = options.waitSeconds ?? 60;
    const report = await logger.group('Check rootless Docker prerequisites', async () => {
        const r = await runChecks({ dataRoot: options.dataRoot }, checkDeps);
        // One line per check; the failure itself is reported once, by the caller, from the PrerequisiteError.
        for (const row of r.rows)
            logger.info(row.ok ? `ok    ${row.name}: ${row.detail}` : `FAIL  ${row.name}: ${row.detail}; fix: ${row.fix}`);
        return r;
    });
    if (!report.ok)
        throw new PrerequisiteError(report.rows);
    const merged = mergeDaemonConfig(report.existingConfig, options.daemonConfig ?? {}, report.dataRoot);
    const plan = report.runtimeDir;
    const socket = path.join(plan.path, 'docker.sock');
    const base = {
        dockerHost: `unix://${socket}`,
        checks: report.rows,
        runtimeDir: plan.path,
        warnings: [],
    };
    if (plan.create)
        await ensureRuntimeDir(plan.path, checkDeps.uid);
    const release = await acquireSetupLock(plan.path, { signal: options.signal, timeoutMs: (waitSeconds + 60) * 1000, logger });
    try {
        const running = await probeOwnDaemon(socket, checkDeps.uid);
        if (running && !running.rootless) {
            throw new ConfigurationError(`the Docker daemon answering on ${socket} is not rootless`, `stop it, or set XDG_RUNTIME_DIR elsewhere`);
        }
        if (running) {
            logger.info(`reusing the rootless Docker daemon already running at ${base.dockerHost} (version ${running.serverVersion})`);
            const wanted = await realpath(report.dataRoot).catch(() => report.dataRoot);
            if (running.dockerRootDir !== wanted) {
                base.warnings.push(`the running daemon uses data-root ${running.dockerRootDir}, not ${report.dataRoot}; stop it to start one with the requested data-root`);
            }
            if (merged.changed) {
                base.warnings.push(`${report.configFile} was left unchanged: the running daemon would not read it until it is restarted`);
            }
            for (const w of base.warnings)
                logger.warning(w);
            return {
                ...base,
                dataRoot: running.dockerRootDir || report.dataRoot,
                started: false,
                daemonJson: { file: report.configFile, changed: false },
                serverVersion: running.serverVersion,
            };
        }
        const daemonJson = { file: report.configFile, changed: merged.changed };
        if (merged.changed) {
            const { backup } = await writeDaemonJson(report.configFile, merged.config, deps.now?.());
            daemonJson.backup = backup;
            logger.info(`wrote ${report.configFile}${backup ? ` (previous content in ${backup})` : ''}`);
        }
        await mkdir(report.dataRoot, { recursive: true, mode: 0o700 });
        if (options.start === false) {
            return { ...base, dataRoot: report.dataRoot, started: false, daemonJson };
        }
        const logFile = path.join(plan.path, LOG_NAME);
        await rename(logFile, `${logFile}.1`).catch(() => undefined);
        const env = daemonEnv(checkDeps.env, {
            home: report.home,
            user: checkDeps.username,
            runtimeDir: plan.path,
            path: report.daemonPath,
            keepRunning: options.keepRunning ?? false,
        });
        const t0 = Date.now();
        const info = await logger.group('Start rootless dockerd', async () => {
            const proc = await startDetached(report.dockerdRootless, [], { env, logFile, logger });
            const state = { pid: proc.pid, startTime: procInfo(proc.pid)?.startTime ?? 0, runtimeDir: plan.path, socket };
            options.onStarted?.(state);
            const failStart = async (err) => {
                // On cancellation the runner (or runuser, after 2 s) kills this step soon: a short grace, then SIGKILL. A daemon
                // that has not finished starting holds nothing worth a clean shutdown.
                await stopRootlessDocker(state, { logger, graceMs: err instanceof CancelledError ? 1000 : 5000 });
                if (!(err instanceof CancelledError)) {
                    const lines = await logTail(logFile);
                    await logger.group(`rootless dockerd log (${logFile})`, async () => {
                        for (const l of lines)
                            logger.info(l);
                    });
                }
                throw err;
            };
            const deadline = t0 + waitSeconds * 1000;
            for (;;) {
                const up = await probeDaemon(socket, 2000);
                // Cancelled while starting: stop it even when it has just come up (nobody will use it).
                if (options.signal?.aborted) {
                    return failStart(new CancelledError('rootless Docker setup was cancelled; the daemon it started was stopped'));
                }
                if (up?.rootless)
                    return { up, state };
                if (up) {
                    return failStart(new EdaOciError(`the daemon answering on ${socket} does not report rootless mode`, `check ${report.dockerdRootless} and the daemon log above`));
                }
                const ended = proc.exitStatus();
                if (ended) {
                    const why = salientLogLine(await logTail(logFile));
                    const how = ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.code}`;
                    return failStart(new EdaOciError(`rootless dockerd ${how} during start-up${why ? `: ${why}` : ''}`, `see the daemon log above (${logFile})`));
                }
                if (Date.now() > deadline) {
                    const why = salientLogLine(await logTail(logFile));
                    return failStart(new EdaOciError(`rootless dockerd did not answer on ${socket} within ${waitSeconds} s${why ? ` (last error in its log: ${why})` : ''}`, `see the daemon log above (${logFile}); raise wait-seconds on a slow machine`));
                }
                await sleep(250, options.signal).catch(() => undefined); // an abort is handled at the top of the loop
            }
        });
        const startMs = Date.now() - t0;
        logger.info(`rootless dockerd ${info.up.serverVersion} answers at ${base.dockerHost} after ${(startMs / 1000).toFixed(1)} s`);
        const wanted = await realpath(report.dataRoot).catch(() => report.dataRoot);
        if (info.up.dockerRootDir !== wanted) {
            base.warnings.push(`the daemon reports data-root ${info.up.dockerRootDir}, not ${wanted}`);
            logger.warning(base.warnings.at(-1));
        }
        return {
            ...base,
            dataRoot: info.up.dockerRootDir || report.dataRoot,
            started: true,
            pid: info.state.pid,
            logFile,
            daemonJson,
            state: info.state,
            serverVersion: info.up.serverVersion,
            startMs,
        };
    }
    finally {
        await release();
    }
}
/** Parses a saved {@link DaemonState} (the post step's input); throws on anything else. */
function parseDaemonState(text) {
    const v = JSON.parse(text);
    const ok = Number.isInteger(v.pid) &&
        v.pid > 1 &&
        Number.isInteger(v.startTime) &&
        typeof v.runtimeDir === 'string' &&
        path.isAbsolute(v.runtimeDir) &&
        typeof v.socket === 'string' &&
        path.isAbsolute(v.socket);
    if (!ok)
        throw new EdaOciError(`saved daemon state ${JSON.stringify(text)} is not valid`, 'nothing was stopped');
    return { pid: v.pid, startTime: v.startTime, runtimeDir: v.runtimeDir, socket: v.socket };
}
function alive(pid, startTime) {
    const p = procInfo(pid);
    return Boolean(p && !p.zombie && p.startTime === startTime);
}
async function waitGone(procs, ms) {
    const until = Date.now() + ms;
    for (;;) {
        if (!procs.some((p) => alive(p.pid, p.startTime)))
            return true;
        if (Date.now() > until)
            return false;
        await sleep(100);
    }
}
/**
 * Stops a daemon that {@link setupRootlessDocker} started, and only that one: SIGTERM to rootlesskit (which forwards it
 * to dockerd for a clean shutdown that removes the socket), then SIGTERM and finally SIGKILL to whatever of its session
 * and descendants is left (containerd runs in a session of its own). Idempotent: a daemon that is gone is reported as such.
 */
async function stopRootlessDocker(state, opts = {}) {
    const logger = opts.logger ?? silentLogger;
    const uid = process.getuid?.();
    const t0 = Date.now();
    // Processes of that session started after it: a later process reusing the pid cannot match both.
    const tree = () => sessionProcesses(state.pid).filter((p) => p.uid === uid && p.startTime >= state.startTime && p.pid !== process.pid);
    const seen = new Map(tree().map((p) => [p.pid, p]));
    const leaderAlive = alive(state.pid, state.startTime);
    if (!leaderAlive && seen.size === 0) {
        await removeStaleSocket(state.socket, uid);
        return { stopped: false, detail: `rootless dockerd (pid ${state.pid}) is not running` };
    }
    if (leaderAlive) {
        try {
            process.kill(state.pid, 'SIGTERM');
        }
        catch {
            // exited meanwhile
        }
        await waitGone([{ pid: state.pid, startTime: state.startTime }], opts.graceMs ?? 20_000);
    }
    for (const p of tree())
        seen.set(p.pid, p);
    let left = [...seen.values()].filter((p) => alive(p.pid, p.startTime));
    for (const sig of ['SIGTERM', 'SIGKILL']) {
        if (left.length === 0)
            break;
        logger.info(`sending ${sig} to ${left.length} leftover process(es) of the rootless daemon: ${left.map((p) => p.pid).join(' ')}`);
        for (const p of left) {
            try {
                process.kill(p.pid, sig);
            }
            catch {
                // exited meanwhile
            }
        }
        await waitGone(left, sig === 'SIGTERM' ? Math.min(3000, opts.graceMs ?? 3000) : 2000);
        left = left.filter((p) => alive(p.pid, p.startTime));
    }
    await removeStaleSocket(state.socket, uid);
    const detail = `stopped rootless dockerd (pid ${state.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`;
    logger.info(detail);
    return { stopped: true, detail };
}
/** A socket of ours that no daemon answers on any more (dockerd killed hard) would make the next reuse check wait. */
async function removeStaleSocket(socket, uid) {
    const st = await lstat(socket).catch(() => undefined);
    if (!st || !st.isSocket() || st.uid !== uid)
        return;
    if (await probeDaemon(socket, 1000))
        return;
    await unlink(socket).catch(() => undefined);
}

;// CONCATENATED MODULE: ./packages/docker/src/rootless/index.ts
// Rootless Docker for the current user: prerequisite checks (eda-oci doctor) and daemon set-up/teardown.



;// CONCATENATED MODULE: ./packages/docker/src/index.ts
// Public surface of @eda-oci/docker: the docker CLI client, image-reference grammar and rootless daemon set-up.




;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: ./packages/oci/src/extract/tar-header.ts
// Parsing of single tar header blocks and PAX/GNU metadata (ustar, PAX 'x'/'g', GNU 'L'/'K', base-256 numbers).


const BLOCK = 512;
const CORRUPT_HINT = 'the export stream is corrupt or not a tar archive; retry the build, and report it if it persists';
/** True when the block is all zero bytes (an end-of-archive marker block). */
function isZeroBlock(block) {
    for (let i = 0; i < BLOCK; i += 4) {
        if (block.readUInt32LE(i) !== 0)
            return false;
    }
    return true;
}
function fieldEnd(buf, start, len) {
    const nul = buf.indexOf(0, start);
    return nul === -1 || nul > start + len ? start + len : nul;
}
/**
 * Parses a numeric header field: octal text (NUL/space padded) or GNU/star base-256 (high bit of the first byte
 * set, two's complement). Returns NaN when the field is malformed.
 */
function parseNumeric(buf, start, len) {
    const first = buf[start];
    if (first & 0x80) {
        // Base-256 (GNU/star): big-endian two's complement of the field with the marker bit masked off.
        const inv = first & 0x40 ? 0xff : 0;
        let value = 0n;
        for (let i = 0; i < len; i++) {
            let c = buf[start + i] ^ inv;
            if (i === 0)
                c &= 0x7f;
            value = (value << 8n) | BigInt(c);
        }
        if (inv)
            value = -value - 1n;
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
            return NaN;
        return Number(value);
    }
    let value = 0;
    let i = start;
    const end = start + len;
    while (i < end && (buf[i] === 0x20 || buf[i] === 0))
        i++; // leading spaces (and all-NUL fields read as 0)
    let digits = 0;
    for (; i < end; i++) {
        const c = buf[i];
        if (c >= 0x30 && c <= 0x37) {
            value = value * 8 + (c - 0x30);
            digits++;
        }
        else if (c === 0x20 || c === 0) {
            break;
        }
        else {
            return NaN;
        }
    }
    for (; i < end; i++)
        if (buf[i] !== 0x20 && buf[i] !== 0)
            return NaN; // only padding may follow
    return digits === 0 ? 0 : value;
}
/** Verifies the header checksum (unsigned sum with the checksum field read as spaces; signed sums accepted too). */
function checksumOk(block) {
    const stored = parseNumeric(block, 148, 8);
    if (Number.isNaN(stored))
        return false;
    let unsigned = 8 * 0x20;
    let signed = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++) {
        if (i === 148) {
            i = 155;
            continue;
        }
        const b = block[i];
        unsigned += b;
        signed += b > 127 ? b - 256 : b;
    }
    return stored === unsigned || stored === signed;
}
/** Parses one non-zero header block. Throws BundleError on a bad checksum or malformed numeric field. */
function parseHeader(block, entryIndex) {
    if (!checksumOk(block)) {
        throw new errors_BundleError(`tar header checksum mismatch at entry ${entryIndex}`, CORRUPT_HINT);
    }
    const typeflag = block[156] === 0 ? '0' : String.fromCharCode(block[156]);
    const ustar = block.toString('latin1', 257, 263) === 'ustar\0';
    let nameBytes = block.subarray(0, fieldEnd(block, 0, 100));
    if (ustar && block[345] !== 0) {
        const prefix = block.subarray(345, fieldEnd(block, 345, 155));
        nameBytes = Buffer.concat([prefix, Buffer.from('/'), nameBytes]);
    }
    else {
        nameBytes = Buffer.from(nameBytes); // copy: the block may be a reused scratch buffer
    }
    const linkBytes = Buffer.from(block.subarray(157, fieldEnd(block, 157, 100)));
    const mode = parseNumeric(block, 100, 8);
    const size = parseNumeric(block, 124, 12);
    const mtime = parseNumeric(block, 136, 12);
    if (Number.isNaN(mode) || Number.isNaN(size) || Number.isNaN(mtime) || size < 0) {
        throw new errors_BundleError(`malformed numeric field in tar header at entry ${entryIndex}`, CORRUPT_HINT);
    }
    return { nameBytes, mode, size, mtime, typeflag, linkBytes };
}
/** Decodes a name (path or link target) from raw bytes; rejects NUL bytes and invalid UTF-8. */
function decodeName(bytes, what, entryIndex) {
    if (bytes.includes(0)) {
        throw new errors_BundleError(`tar ${what} at entry ${entryIndex} contains a NUL byte (hostile or corrupt archive)`, 'refusing to extract it; check the image');
    }
    if (!(0,external_node_buffer_namespaceObject.isUtf8)(bytes)) {
        throw new errors_BundleError(`tar ${what} at entry ${entryIndex} is not valid UTF-8 ("${bytes.toString('latin1')}")`, 'eda-oci only extracts UTF-8 file names; rename the file in the image');
    }
    return bytes.toString('utf8');
}
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Parses a PAX extended header body ("%d %s=%s\n" records). */
function parsePax(data, entryIndex) {
    const out = {};
    let pos = 0;
    const bad = (why) => new errors_BundleError(`malformed PAX extended header at entry ${entryIndex} (${why})`, CORRUPT_HINT);
    while (pos < data.length) {
        if (data[pos] === 0)
            break; // some writers pad with NULs
        const space = data.indexOf(0x20, pos);
        if (space === -1 || space - pos > 20)
            throw bad('record length');
        const len = Number(data.toString('latin1', pos, space));
        if (!Number.isInteger(len) || len <= space - pos + 1 || pos + len > data.length)
            throw bad('record length');
        const end = pos + len;
        if (data[end - 1] !== 0x0a)
            throw bad('record terminator');
        const eq = data.indexOf(0x3d, space + 1);
        if (eq === -1 || eq >= end)
            throw bad('record without =');
        const key = data.toString('utf8', space + 1, eq);
        const value = data.subarray(eq + 1, end - 1);
        switch (key) {
            case 'path':
                out.path = Buffer.from(value);
                break;
            case 'linkpath':
                out.linkpath = Buffer.from(value);
                break;
            case 'size': {
                const s = value.toString('latin1');
                if (!/^\d+$/.test(s) || Number(s) > Number.MAX_SAFE_INTEGER)
                    throw bad(`size ${s}`);
                out.size = Number(s);
                break;
            }
            case 'mtime': {
                const s = value.toString('latin1');
                if (!DECIMAL.test(s))
                    throw bad(`mtime ${s}`);
                out.mtime = Number(s);
                break;
            }
            default:
                if (key.startsWith('GNU.sparse.')) {
                    throw new errors_BundleError(`tar entry ${entryIndex} is a GNU sparse file, which eda-oci does not extract`, 'export the image with docker export (which never writes sparse entries)');
                }
        }
        pos = end;
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/oci/src/extract/tree-digest.ts
// The rootfs tree digest: one sha256 over sorted per-path records, computed during extraction or from disk.



/**
 * Feeds the digest lines and counts of a tree, one path at a time in sorted order (UTF-8 byte order of the path).
 * Digest format, one line per path:
 * `path \0 f|d|l \0 octal(mode & 0o7777) \0 size(files, else '') \0 mtime(integer s) \0 sha256|target|'' \n`.
 * summarizeTree (extraction records) and summarizeManifest (bundle.files entries) both use it, so the two agree.
 */
class TreeDigestBuilder {
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    seen = new Set();
    batch = '';
    files = 0;
    hardlinks = 0;
    dirs = 0;
    symlinks = 0;
    bytes = 0;
    /** Adds one path; `inode` groups hard links (a file counts once per inode). */
    add(p, type, mode, size, mtimeSeconds, content, inode) {
        this.batch += `${p}\0${type}\0${(mode & 0o7777).toString(8)}\0${type === 'f' ? size : ''}\0${mtimeSeconds}\0${content}\n`;
        if (this.batch.length > 65536) {
            this.hash.update(this.batch, 'utf8');
            this.batch = '';
        }
        if (type === 'd')
            this.dirs++;
        else if (type === 'l')
            this.symlinks++;
        else if (this.seen.has(inode))
            this.hardlinks++;
        else {
            this.seen.add(inode);
            this.files++;
            this.bytes += size;
        }
    }
    finish() {
        this.hash.update(this.batch, 'utf8');
        this.batch = '';
        const { files, hardlinks, dirs, symlinks, bytes } = this;
        return { treeDigest: `sha256:${this.hash.digest('hex')}`, files, hardlinks, dirs, symlinks, bytes };
    }
}
/** The tree digest and counts of extraction records (sorted here; see {@link TreeDigestBuilder} for the format). */
function summarizeTree(records) {
    const keyed = [...records.keys()].map((p) => ({ p, b: Buffer.from(p, 'utf8') }));
    keyed.sort((x, y) => Buffer.compare(x.b, y.b));
    const digest = new TreeDigestBuilder();
    for (const { p } of keyed) {
        const r = records.get(p);
        digest.add(p, r.type, r.mode, r.size, Math.floor(r.mtime), r.content, r.inode);
    }
    return digest.finish();
}
function floorSeconds(ns) {
    let s = ns / 1000000000n;
    if (ns % 1000000000n < 0n)
        s -= 1n;
    return Number(s);
}
/** sha256 hex of a file's content, read with `buf`, never following a symlink. */
function hashFile(path, buf) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    const fd = external_node_fs_namespaceObject.openSync(path, external_node_fs_namespaceObject.constants.O_RDONLY | external_node_fs_namespaceObject.constants.O_NOFOLLOW);
    try {
        for (;;) {
            const n = external_node_fs_namespaceObject.readSync(fd, buf, 0, buf.length, null);
            if (n === 0)
                break;
            hash.update(buf.subarray(0, n));
        }
    }
    finally {
        external_node_fs_namespaceObject.closeSync(fd);
    }
    return hash.digest('hex');
}
/**
 * Recomputes the tree digest of an extracted rootfs from disk, without following symlinks. `exclude` names
 * top-level entries to leave out (e.g. `.eda-oci`, which the build writes after extraction).
 */
async function computeTreeDigest(rootfs, options = {}) {
    const exclude = new Set(options.exclude ?? []);
    const records = new Map();
    const inodes = new Map();
    const buf = Buffer.allocUnsafe(1 << 20);
    const walk = (rel) => {
        const dir = rel === '' ? rootfs : `${rootfs}/${rel}`;
        for (const name of fs.readdirSync(dir)) {
            if (rel === '' && exclude.has(name))
                continue;
            const childRel = rel === '' ? name : `${rel}/${name}`;
            const abs = `${rootfs}/${childRel}`;
            const st = fs.lstatSync(abs, { bigint: true });
            const mode = Number(st.mode & 4095n);
            const mtime = floorSeconds(st.mtimeNs);
            if (st.isDirectory()) {
                records.set(childRel, { type: 'd', mode, size: 0, mtime, content: '', inode: -1 });
                walk(childRel);
            }
            else if (st.isSymbolicLink()) {
                records.set(childRel, { type: 'l', mode: 0o777, size: 0, mtime, content: fs.readlinkSync(abs), inode: -1 });
            }
            else if (st.isFile()) {
                const key = `${st.dev}:${st.ino}`;
                let ino = inodes.get(key);
                if (!ino) {
                    ino = { id: inodes.size, content: hashFile(abs, buf) };
                    inodes.set(key, ino);
                }
                records.set(childRel, { type: 'f', mode, size: Number(st.size), mtime, content: ino.content, inode: ino.id });
            }
            else {
                throw new BundleError(`unexpected special file ${abs} in the rootfs`, 'eda-oci never extracts device nodes, FIFOs or sockets; rebuild the bundle');
            }
        }
    };
    walk('');
    const s = summarizeTree(records);
    return { treeDigest: s.treeDigest, files: s.files, bytes: s.bytes };
}

;// CONCATENATED MODULE: ./packages/oci/src/extract/extractor.ts
// Streaming, hostile-archive-safe tar extraction into a fresh rootfs (the output of `docker export`).
//
// Safety comes from construction, not from checking the disk: the rootfs starts empty and private, and every
// path this extraction creates is recorded in `records`. An entry may only be written below directories that
// are in `records` as directories, so nothing is ever written through a symlink, and no symlink is followed.
// Files are opened O_CREAT|O_EXCL|O_NOFOLLOW after any previous entry of that name was removed.
//
// Speed: the parser works on the chunks as they arrive (subarrays, no per-block copies) and does the file
// system work with synchronous calls. For many small files this is much cheaper than a promise round trip per
// syscall, and the producer (the exporter process or the read stream) keeps filling the pipe meanwhile. Only
// the content of large files is written asynchronously (positional writes on the libuv thread pool), so that
// copying it into the kernel overlaps with sha256 hashing on the main thread; `inflightBytes` bounds memory.






const HOSTILE_HINT = 'refusing to extract a hostile or corrupt archive; check where the image comes from';
const EARLY_HINT = 'the exporter died (daemon killed?); retry the build';
const MAX_META = 16 << 20; // PAX headers and GNU long names larger than this are not from docker export
const EMPTY_SHA256 = (0,external_node_crypto_namespaceObject.createHash)('sha256').digest('hex');
const { O_CREAT, O_EXCL, O_WRONLY, O_NOFOLLOW } = external_node_fs_namespaceObject.constants;
const CREATE_FLAGS = O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW;
/** Files at least this large get their content written asynchronously. */
const ASYNC_FILE_SIZE = 16 << 10;
/** Stop pulling source chunks while this many content bytes wait to be written. */
const MAX_INFLIGHT_BYTES = 32 << 20;
// process.umask() without arguments only reads the mask (documentation-only deprecation, no warning).
const UMASK = process.umask();
var State;
(function (State) {
    State[State["Header"] = 0] = "Header";
    State[State["Body"] = 1] = "Body";
    State[State["Padding"] = 2] = "Padding";
    State[State["AfterZeroBlock"] = 3] = "AfterZeroBlock";
    State[State["Done"] = 4] = "Done";
})(State || (State = {}));
var Sink;
(function (Sink) {
    Sink[Sink["File"] = 0] = "File";
    Sink[Sink["Skip"] = 1] = "Skip";
    Sink[Sink["Pax"] = 2] = "Pax";
    Sink[Sink["PaxGlobal"] = 3] = "PaxGlobal";
    Sink[Sink["LongName"] = 4] = "LongName";
    Sink[Sink["LongLink"] = 5] = "LongLink";
})(Sink || (Sink = {}));
/** Normalizes an archive name: strips `./` and empty components; rejects absolute names, `..` and NUL. */
function normalizeName(name, what, entry) {
    if (name.startsWith('/')) {
        throw new errors_BundleError(`tar ${what} "${entry}" is an absolute path`, HOSTILE_HINT);
    }
    const parts = name.split('/');
    const out = [];
    for (const part of parts) {
        if (part === '' || part === '.')
            continue;
        if (part === '..')
            throw new errors_BundleError(`tar ${what} "${entry}" contains a ".." component`, HOSTILE_HINT);
        out.push(part);
    }
    return out.join('/');
}
function typeOf(flag, rawName) {
    switch (flag) {
        case '0':
            // Pre-POSIX archives mark directories only by a trailing slash.
            return rawName[rawName.length - 1] === 0x2f ? 'dir' : 'file';
        case '7': // contiguous file: a regular file everywhere but on Masscomp
            return 'file';
        case '1':
            return 'hardlink';
        case '2':
            return 'symlink';
        case '3':
            return 'char';
        case '4':
            return 'block';
        case '5':
            return 'dir';
        case '6':
            return 'fifo';
        default:
            return undefined;
    }
}
/** Turns a file-system error into an actionable BundleError. */
function fsError(err, rootfs, where) {
    if (err instanceof errors_BundleError || err instanceof errors_CancelledError)
        return err;
    const code = err?.code;
    const msg = err instanceof Error ? err.message : String(err);
    switch (code) {
        case 'ENOSPC':
        case 'EDQUOT':
            return new errors_BundleError(`no space left on device while extracting ${where} into ${rootfs}`, 'free space in the output directory or choose another output-dir', { cause: err });
        case 'EACCES':
        case 'EPERM':
        case 'EROFS':
            return new errors_BundleError(`permission denied (${code}) while extracting ${where} into ${rootfs}`, 'make the output directory writable by this user (and not read-only) or choose another output-dir', { cause: err });
        case 'ENAMETOOLONG':
            return new errors_BundleError(`path too long while extracting ${where} into ${rootfs}`, 'choose a shorter output-dir', { cause: err });
        default:
            return new errors_BundleError(`failed to extract ${where} into ${rootfs}: ${msg}`, 'check the output directory and retry', {
                cause: err,
            });
    }
}
class Extractor {
    root;
    filter;
    whiteouts;
    syncWrites;
    records = new Map();
    skippedSpecial = [];
    strippedSetid = [];
    rootMeta;
    entries = 0;
    /** Content bytes of regular files written so far (progress reports). */
    contentBytes = 0;
    current = 'the archive start';
    state = State.Header;
    scratch = Buffer.alloc(BLOCK);
    fill = 0;
    remaining = 0;
    padding = 0;
    headers = 0;
    nextInode = 0;
    lastParent = '';
    sink = Sink.Skip;
    meta = Buffer.alloc(0);
    metaFill = 0;
    pax;
    longName;
    longLink;
    fd = -1;
    hash;
    fileRec;
    fileMtime = 0;
    fileAsync = false;
    filePos = 0;
    /** Asynchronous content writes: bytes not yet written, per-fd pending write counts, first error. */
    inflightBytes = 0;
    pendingWrites = new Map();
    asyncError;
    waiter;
    constructor(root, filter, whiteouts, syncWrites) {
        this.root = root;
        this.filter = filter;
        this.whiteouts = whiteouts;
        this.syncWrites = syncWrites;
    }
    push(chunk) {
        const len = chunk.length;
        let pos = 0;
        while (pos < len) {
            switch (this.state) {
                case State.Header:
                case State.AfterZeroBlock:
                    if (this.fill === 0 && len - pos >= BLOCK) {
                        const block = chunk.subarray(pos, pos + BLOCK);
                        pos += BLOCK;
                        this.onBlock(block);
                    }
                    else {
                        const n = Math.min(BLOCK - this.fill, len - pos);
                        chunk.copy(this.scratch, this.fill, pos, pos + n);
                        this.fill += n;
                        pos += n;
                        if (this.fill === BLOCK) {
                            this.fill = 0;
                            this.onBlock(this.scratch);
                        }
                    }
                    break;
                case State.Body: {
                    const n = Math.min(this.remaining, len - pos);
                    this.onData(chunk.subarray(pos, pos + n));
                    pos += n;
                    this.remaining -= n;
                    if (this.remaining === 0)
                        this.endBody();
                    break;
                }
                case State.Padding: {
                    const n = Math.min(this.padding, len - pos);
                    pos += n;
                    this.padding -= n;
                    if (this.padding === 0)
                        this.state = State.Header;
                    break;
                }
                case State.Done:
                    return; // drain whatever the writer adds after the end marker (record padding)
            }
        }
    }
    /** Called at end of stream: verifies the archive ended at the end-of-archive marker. */
    end() {
        if (this.state === State.Done)
            return;
        // Like Go's archive/tar, accept EOF right after a single zero block.
        if (this.state === State.AfterZeroBlock && this.scratch.subarray(0, this.fill).every((b) => b === 0))
            return;
        const where = this.state === State.Body || this.state === State.Padding
            ? `in the middle of ${this.current}`
            : this.fill > 0
                ? 'in the middle of a header'
                : 'without the end-of-archive marker';
        throw new errors_BundleError(`tar stream ended early (${where}, after ${this.entries} entries)`, EARLY_HINT);
    }
    /** Applies directory modes and mtimes, deepest first (so writing into 0555 dirs worked until now). */
    finish() {
        const dirs = [];
        for (const e of this.records)
            if (e[1].type === 'd')
                dirs.push(e);
        const depth = (p) => {
            let d = 0;
            for (let i = 0; i < p.length; i++)
                if (p.charCodeAt(i) === 0x2f)
                    d++;
            return d;
        };
        const keyed = dirs.map(([p, r]) => ({ p, r, d: depth(p) }));
        keyed.sort((a, b) => b.d - a.d);
        for (const { p, r } of keyed) {
            this.current = p;
            const abs = `${this.root}/${p}`;
            external_node_fs_namespaceObject.utimesSync(abs, r.mtime, r.mtime);
            external_node_fs_namespaceObject.chmodSync(abs, r.mode);
        }
        if (this.rootMeta) {
            this.current = '.';
            external_node_fs_namespaceObject.utimesSync(this.root, this.rootMeta.mtime, this.rootMeta.mtime);
            external_node_fs_namespaceObject.chmodSync(this.root, this.rootMeta.mode);
        }
    }
    /** Releases an open file after an error, once no write uses it any more (fd numbers are reused). */
    async cleanup() {
        await this.drain(0, true);
        if (this.fd !== -1) {
            try {
                external_node_fs_namespaceObject.closeSync(this.fd);
            }
            catch {
                // already failing; the caller removes the rootfs
            }
            this.fd = -1;
        }
    }
    onBlock(block) {
        if (isZeroBlock(block)) {
            this.state = this.state === State.Header ? State.AfterZeroBlock : State.Done;
            return;
        }
        if (this.state === State.AfterZeroBlock) {
            throw new errors_BundleError(`tar stream has data after an end-of-archive block (after ${this.current})`, HOSTILE_HINT);
        }
        this.headers++;
        const h = parseHeader(block, this.headers);
        switch (h.typeflag) {
            case 'x':
            case 'g':
            case 'L':
            case 'K': {
                if (h.size > MAX_META) {
                    throw new errors_BundleError(`tar metadata header of ${h.size} bytes at entry ${this.headers} is too large`, HOSTILE_HINT);
                }
                this.sink =
                    h.typeflag === 'x' ? Sink.Pax : h.typeflag === 'g' ? Sink.PaxGlobal : h.typeflag === 'L' ? Sink.LongName : Sink.LongLink;
                this.meta = Buffer.allocUnsafe(h.size);
                this.metaFill = 0;
                this.beginBody(h.size);
                return;
            }
        }
        this.entry(h);
    }
    beginBody(size) {
        this.remaining = size;
        this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
        if (size === 0)
            this.endBody();
        else
            this.state = State.Body;
    }
    onData(data) {
        switch (this.sink) {
            case Sink.File: {
                if (this.fileAsync) {
                    this.writeAsync(this.fd, data, this.filePos);
                    this.filePos += data.length;
                }
                else {
                    let off = 0;
                    while (off < data.length)
                        off += external_node_fs_namespaceObject.writeSync(this.fd, data, off, data.length - off);
                }
                this.hash.update(data);
                this.contentBytes += data.length;
                break;
            }
            case Sink.Skip:
                break;
            default:
                data.copy(this.meta, this.metaFill);
                this.metaFill += data.length;
        }
    }
    endBody() {
        switch (this.sink) {
            case Sink.File: {
                const rec = this.fileRec;
                rec.content = this.hash.digest('hex');
                this.closeFile(rec);
                break;
            }
            case Sink.Pax:
                this.pax = parsePax(this.meta, this.headers);
                break;
            case Sink.PaxGlobal:
                parsePax(this.meta, this.headers); // validated, then ignored: global defaults make no sense for an export
                break;
            case Sink.LongName:
            case Sink.LongLink: {
                let end = this.meta.length;
                while (end > 0 && this.meta[end - 1] === 0)
                    end--;
                const name = Buffer.from(this.meta.subarray(0, end));
                if (this.sink === Sink.LongName)
                    this.longName = name;
                else
                    this.longLink = name;
                break;
            }
            case Sink.Skip:
                break;
        }
        this.sink = Sink.Skip;
        this.state = this.padding > 0 ? State.Padding : State.Header;
    }
    closeFile(rec) {
        const fd = this.fd;
        const mtime = this.fileMtime;
        this.fd = -1;
        const close = () => {
            // open() applied mode & ~umask; fix up only when that differs (saves a syscall per file).
            if ((rec.mode & ~UMASK) !== rec.mode)
                external_node_fs_namespaceObject.fchmodSync(fd, rec.mode);
            external_node_fs_namespaceObject.futimesSync(fd, mtime, mtime); // after the last write, or the write would bump mtime again
            external_node_fs_namespaceObject.closeSync(fd);
        };
        const pending = this.pendingWrites.get(fd);
        if (pending)
            pending.close = close;
        else
            close();
    }
    /** Positional write on the thread pool; the last completion of a closed file finishes it. */
    writeAsync(fd, data, position) {
        let pending = this.pendingWrites.get(fd);
        if (!pending) {
            pending = { count: 0 };
            this.pendingWrites.set(fd, pending);
        }
        pending.count++;
        this.inflightBytes += data.length;
        const p = pending;
        const done = (err, written) => {
            if (!err && written < data.length) {
                // Short write (rare on regular files): write the rest.
                external_node_fs_namespaceObject.write(fd, data, written, data.length - written, position + written, (e2, w2) => done(e2, written + w2));
                return;
            }
            this.inflightBytes -= data.length;
            p.count--;
            if (err)
                this.asyncError ??= err;
            if (p.count === 0) {
                this.pendingWrites.delete(fd);
                if (p.close) {
                    try {
                        p.close();
                    }
                    catch (e) {
                        this.asyncError ??= e;
                    }
                }
            }
            this.waiter?.();
        };
        external_node_fs_namespaceObject.write(fd, data, 0, data.length, position, done);
    }
    /** Resolves once at most `limit` content bytes wait to be written (or, unless `all`, a write failed). */
    drain(limit, all = false) {
        const ok = () => this.inflightBytes <= limit || (!all && this.asyncError !== undefined);
        if (ok())
            return undefined;
        return new Promise((resolve) => {
            this.waiter = () => {
                if (ok()) {
                    this.waiter = undefined;
                    resolve();
                }
            };
        });
    }
    entry(h) {
        const nameBytes = this.longName ?? this.pax?.path ?? h.nameBytes;
        const linkBytes = this.longLink ?? this.pax?.linkpath ?? h.linkBytes;
        const size = this.pax?.size ?? h.size;
        let mtime = this.pax?.mtime ?? h.mtime;
        this.longName = this.longLink = this.pax = undefined;
        const rawName = decodeName(nameBytes, 'entry name', this.headers);
        this.current = rawName;
        const type = typeOf(h.typeflag, nameBytes);
        if (type === undefined) {
            throw new errors_BundleError(`unsupported tar entry type '${h.typeflag}' for "${rawName}"`, 'eda-oci extracts files, directories, links and skips devices/FIFOs; export the image with docker export');
        }
        const path = normalizeName(rawName, 'entry name', rawName);
        if (path === '' && type !== 'dir') {
            throw new errors_BundleError(`tar entry "${rawName}" (${type}) would replace the rootfs directory itself`, HOSTILE_HINT);
        }
        this.current = path === '' ? '.' : path;
        const dataSize = type === 'file' ? size : 0; // like Go/GNU: other types carry no data, whatever size says
        let linkname;
        if (type === 'symlink') {
            linkname = decodeName(linkBytes, 'symlink target', this.headers);
            if (linkname === '')
                throw new errors_BundleError(`tar symlink "${rawName}" has an empty target`, HOSTILE_HINT);
        }
        else if (type === 'hardlink') {
            const rawLink = decodeName(linkBytes, 'hard link target', this.headers);
            linkname = normalizeName(rawLink, `hard link target of "${rawName}":`, rawLink);
        }
        this.entries++;
        const mode = h.mode & 0o7777;
        if (this.whiteouts && this.whiteout(path)) {
            this.sink = Sink.Skip;
            this.beginBody(dataSize);
            return;
        }
        if (this.filter) {
            const info = { path: this.current, type, mode, size: dataSize, mtime, linkname };
            if (!this.filter(info)) {
                this.sink = Sink.Skip;
                this.beginBody(dataSize);
                return;
            }
            mtime = info.mtime;
        }
        if (!Number.isFinite(mtime))
            throw new errors_BundleError(`invalid mtime for tar entry "${path}"`, HOSTILE_HINT);
        if (type === 'char' || type === 'block' || type === 'fifo' || type === 'socket') {
            this.skippedSpecial.push({ path: this.current, type });
            this.sink = Sink.Skip;
            this.beginBody(dataSize);
            return;
        }
        let finalMode = mode;
        if (mode & 0o6000) {
            finalMode = mode & ~0o6000;
            this.strippedSetid.push(this.current);
        }
        if (path === '') {
            this.rootMeta = { mode: finalMode, mtime };
            this.sink = Sink.Skip;
            this.beginBody(0);
            return;
        }
        this.ensureParents(path, mtime);
        const abs = `${this.root}/${path}`;
        switch (type) {
            case 'dir': {
                const existing = this.records.get(path);
                if (existing?.type === 'd') {
                    existing.mode = finalMode;
                    existing.mtime = mtime;
                }
                else {
                    this.removeExisting(path, abs);
                    external_node_fs_namespaceObject.mkdirSync(abs, 0o700);
                    this.records.set(path, { type: 'd', mode: finalMode, size: 0, mtime, content: '', inode: -1 });
                }
                this.beginBody(0);
                return;
            }
            case 'file': {
                this.removeExisting(path, abs);
                this.fd = external_node_fs_namespaceObject.openSync(abs, CREATE_FLAGS, finalMode & 0o777);
                const rec = { type: 'f', mode: finalMode, size: dataSize, mtime, content: '', inode: this.nextInode++ };
                this.records.set(path, rec);
                this.fileMtime = mtime;
                if (dataSize === 0) {
                    rec.content = EMPTY_SHA256;
                    this.closeFile(rec);
                    this.beginBody(0);
                }
                else {
                    this.fileRec = rec;
                    this.fileAsync = !this.syncWrites && dataSize >= ASYNC_FILE_SIZE;
                    this.filePos = 0;
                    this.hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
                    this.sink = Sink.File;
                    this.beginBody(dataSize);
                }
                return;
            }
            case 'symlink': {
                this.removeExisting(path, abs);
                external_node_fs_namespaceObject.symlinkSync(linkname, abs);
                external_node_fs_namespaceObject.lutimesSync(abs, mtime, mtime);
                this.records.set(path, { type: 'l', mode: 0o777, size: 0, mtime: Math.floor(mtime), content: linkname, inode: -1 });
                this.beginBody(0);
                return;
            }
            case 'hardlink': {
                const target = linkname;
                const targetRec = this.records.get(target);
                if (targetRec?.type !== 'f') {
                    throw new errors_BundleError(`tar hard link "${path}" points to "${target}", which is not a regular file extracted earlier from this archive`, HOSTILE_HINT);
                }
                if (target !== path) {
                    if (target.startsWith(`${path}/`)) {
                        throw new errors_BundleError(`tar hard link "${path}" would replace the directory holding its target "${target}"`, HOSTILE_HINT);
                    }
                    this.removeExisting(path, abs);
                    external_node_fs_namespaceObject.linkSync(`${this.root}/${target}`, abs);
                    this.records.set(path, { ...targetRec });
                }
                this.beginBody(0);
                return;
            }
        }
    }
    /** Applies an OCI whiteout entry (`.wh.NAME` or `.wh..wh..opq`); false when `path` is no whiteout. */
    whiteout(path) {
        const slash = path.lastIndexOf('/');
        const base = path.slice(slash + 1);
        if (!base.startsWith('.wh.'))
            return false;
        const dir = slash === -1 ? '' : path.slice(0, slash);
        if (dir !== '') {
            const rec = this.records.get(dir);
            // A whiteout below something that is not a directory we made hides nothing (and must not reach through a link).
            if (rec?.type !== 'd')
                return true;
        }
        if (base === '.wh..wh..opq') {
            const prefix = dir === '' ? '' : `${dir}/`;
            for (const key of [...this.records.keys()]) {
                if (key.startsWith(prefix) && key !== dir && !key.slice(prefix.length).includes('/'))
                    this.removeExisting(key, `${this.root}/${key}`);
            }
            return true;
        }
        const target = `${dir === '' ? '' : `${dir}/`}${base.slice(4)}`;
        if (base.length > 4 && this.records.has(target))
            this.removeExisting(target, `${this.root}/${target}`);
        return true;
    }
    /** Creates the missing components of `dir` (see ExtractOptions.ensureDirs); stops at a symlink or file. */
    ensureDir(dir, mtime) {
        const parts = dir.split('/').filter((p) => p !== '' && p !== '.');
        if (parts.includes('..')) {
            throw new errors_BundleError(`directory to create in the rootfs "${dir}" contains a ".." component`, 'use a normalized absolute path (check the image WorkingDir)');
        }
        let rel = '';
        for (const part of parts) {
            rel = rel === '' ? part : `${rel}/${part}`;
            this.current = rel;
            const rec = this.records.get(rel);
            if (rec === undefined) {
                external_node_fs_namespaceObject.mkdirSync(`${this.root}/${rel}`, 0o700);
                this.records.set(rel, { type: 'd', mode: 0o755, size: 0, mtime, content: '', inode: -1 });
            }
            else if (rec.type !== 'd') {
                return;
            }
        }
    }
    /** Makes sure every parent of `path` is a directory this extraction created; creates missing ones (0755). */
    ensureParents(path, mtime) {
        const slash = path.lastIndexOf('/');
        if (slash === -1)
            return;
        const parent = path.slice(0, slash);
        if (parent === this.lastParent)
            return;
        let idx = path.indexOf('/');
        while (idx !== -1 && idx <= slash) {
            const dir = path.slice(0, idx);
            const rec = this.records.get(dir);
            if (rec === undefined) {
                external_node_fs_namespaceObject.mkdirSync(`${this.root}/${dir}`, 0o700);
                this.records.set(dir, { type: 'd', mode: 0o755, size: 0, mtime, content: '', inode: -1 });
            }
            else if (rec.type !== 'd') {
                const what = rec.type === 'l' ? 'a symlink' : 'a file';
                throw new errors_BundleError(`tar entry "${path}" writes through ${what} ("${dir}")`, HOSTILE_HINT);
            }
            idx = path.indexOf('/', idx + 1);
        }
        this.lastParent = parent;
    }
    /** Removes what an earlier entry created at `path` (later entries win, as with tar). */
    removeExisting(path, abs) {
        const rec = this.records.get(path);
        if (rec === undefined)
            return;
        if (rec.type === 'd') {
            external_node_fs_namespaceObject.rmSync(abs, { recursive: true }); // our own tree: dirs are still 0700, nothing is followed
            const prefix = `${path}/`;
            for (const key of this.records.keys())
                if (key.startsWith(prefix))
                    this.records.delete(key);
            this.lastParent = '';
        }
        else {
            external_node_fs_namespaceObject.unlinkSync(abs);
        }
        this.records.delete(path);
    }
}
/**
 * Extracts a tar stream (e.g. `docker export` stdout) into `rootfs`, which must be an existing empty directory.
 * Hostile entries (absolute paths, `..`, writes through symlinks, hard links outside) reject the whole archive
 * with BundleError; device nodes/FIFOs are skipped; setuid/setgid bits are stripped; ownership is not kept.
 * On failure the rootfs is left partially written: the caller removes it.
 * The chunks of `source` are referenced until written, so the source must not reuse its buffers (Readable
 * streams never do). At most about MAX_INFLIGHT_BYTES of content is held in memory.
 */
async function extractTar(source, rootfs, options = {}) {
    const { signal } = options;
    const root = external_node_path_namespaceObject.resolve(rootfs);
    const cancelled = () => new errors_CancelledError(`extraction into ${root} was cancelled`);
    if (signal?.aborted)
        throw cancelled();
    let entriesNow;
    try {
        entriesNow = external_node_fs_namespaceObject.readdirSync(root);
    }
    catch (err) {
        throw fsError(err, root, 'the archive');
    }
    if (entriesNow.length > 0) {
        throw new errors_BundleError(`extraction target ${root} is not empty`, 'extract only into a fresh empty staging directory (remove leftovers of an earlier run)');
    }
    const ex = new Extractor(root, options.filter, options.whiteouts ?? false, options.reuseBuffers ?? false);
    const { onProgress } = options;
    const ticker = onProgress ? new ProgressTicker() : undefined;
    const it = source[Symbol.asyncIterator]();
    let onAbort;
    const aborted = signal
        ? new Promise((_, reject) => {
            onAbort = () => reject(cancelled());
            signal.addEventListener('abort', onAbort, { once: true });
        })
        : undefined;
    aborted?.catch(() => undefined);
    try {
        for (;;) {
            const r = aborted ? await Promise.race([it.next(), aborted]) : await it.next();
            if (r.done)
                break;
            if (signal?.aborted)
                throw cancelled();
            const v = r.value;
            ex.push(Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength));
            if (ex.inflightBytes > MAX_INFLIGHT_BYTES)
                await ex.drain(MAX_INFLIGHT_BYTES / 2);
            if (ex.asyncError !== undefined)
                throw ex.asyncError;
            if (ticker?.due())
                onProgress({ entries: ex.entries, bytes: ex.contentBytes, done: false });
        }
        ex.end();
        await ex.drain(0);
        if (ex.asyncError !== undefined)
            throw ex.asyncError;
        for (const dir of options.ensureDirs ?? [])
            ex.ensureDir(dir, options.ensureDirsMtime ?? 0);
        ex.finish();
    }
    catch (err) {
        await ex.cleanup();
        // Stop the producer (destroys a Readable); don't wait for it.
        Promise.resolve()
            .then(() => it.return?.())
            .catch(() => undefined);
        throw fsError(err, root, ex.current);
    }
    finally {
        if (onAbort)
            signal.removeEventListener('abort', onAbort);
    }
    const s = summarizeTree(ex.records);
    onProgress?.({ entries: ex.entries, bytes: ex.contentBytes, done: true });
    return {
        files: s.files,
        dirs: s.dirs,
        symlinks: s.symlinks,
        hardlinks: s.hardlinks,
        bytes: s.bytes,
        skippedSpecial: ex.skippedSpecial,
        strippedSetid: ex.strippedSetid,
        treeDigest: s.treeDigest,
        entries: ex.entries,
        records: ex.records,
    };
}

;// CONCATENATED MODULE: ./packages/oci/src/extract/index.ts
// Safe, streaming tar extraction (docker export -> bundle rootfs) and the rootfs tree digest.



;// CONCATENATED MODULE: ./packages/oci/src/image-user.ts
// Resolves an image's USER ("name", "uid", "name:group", "uid:gid") against the bundle's own /etc/passwd and /etc/group.



/**
 * Reads `rootfs/etc/<file>` without following symlinks (the rootfs is untrusted image content: a symlink there
 * could point at the host's /etc). A missing or non-regular file reads as empty.
 */
async function readImageFile(rootfs, file) {
    const etc = external_node_path_default().join(rootfs, 'etc');
    const target = external_node_path_default().join(etc, file);
    try {
        if (!(await (0,promises_namespaceObject.lstat)(etc)).isDirectory())
            return '';
        if (!(await (0,promises_namespaceObject.lstat)(target)).isFile())
            return '';
        return await (0,promises_namespaceObject.readFile)(target, 'utf8');
    }
    catch {
        return '';
    }
}
/** Parses /etc/passwd text. */
function parsePasswd(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const f = line.split(':');
        if (f.length < 7 || !/^\d+$/.test(f[2]) || !/^\d+$/.test(f[3]))
            continue;
        out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] });
    }
    return out;
}
/** Parses /etc/group text. */
function parseGroup(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const f = line.split(':');
        if (f.length < 4 || !/^\d+$/.test(f[2]))
            continue;
        out.push({ name: f[0], gid: Number(f[2]), members: f[3].split(',').filter(Boolean) });
    }
    return out;
}
/** Resolves USER text to numeric ids as docker does, using the image's passwd/group (supplementary groups included). */
function resolveUserFrom(user, passwd, groups) {
    const spec = user.trim() || '0';
    const [u, g] = spec.split(':', 2);
    const isNum = (s) => /^\d+$/.test(s);
    let entry = isNum(u) ? passwd.find((p) => p.uid === Number(u)) : passwd.find((p) => p.name === u);
    if (!entry && !isNum(u)) {
        throw new errors_BundleError(`the image's USER '${user}' is not in the image's /etc/passwd`, 'fix USER in the image (a name from its /etc/passwd or a numeric uid)');
    }
    const uid = isNum(u) ? Number(u) : entry.uid;
    entry ??= undefined;
    let gid = entry?.gid ?? 0;
    if (g !== undefined && g !== '') {
        if (isNum(g))
            gid = Number(g);
        else {
            const grp = groups.find((x) => x.name === g);
            if (!grp)
                throw new errors_BundleError(`the image's USER '${user}' names group '${g}', which is not in the image's /etc/group`, 'fix USER in the image');
            gid = grp.gid;
        }
    }
    const name = entry?.name;
    const additionalGids = g === undefined && name ? [...new Set(groups.filter((x) => x.members.includes(name) && x.gid !== gid).map((x) => x.gid))] : [];
    return { uid, gid, additionalGids, home: entry?.home || undefined };
}
/** Resolves USER against `rootfs/etc/passwd` and `rootfs/etc/group`. */
async function resolveImageUser(rootfs, user) {
    const [passwd, group] = await Promise.all([readImageFile(rootfs, 'passwd'), readImageFile(rootfs, 'group')]);
    return resolveUserFrom(user, parsePasswd(passwd), parseGroup(group));
}

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./packages/oci/src/layers-worker.mjs
// Worker thread of the layer fast path: walks the image's overlay2 layer directories and writes them as one tar stream
// (whiteouts as `.wh.` entries, opaque directories as `.wh..wh..opq`) into a shared-memory ring that the main thread
// extracts from. Reading the layers here and writing the bundle there uses both cores: all the per-file system calls
// of the source side (lstat, open, read, close) leave the main thread. Plain JavaScript with only Node built-ins, so
// it runs as a worker both from the sources (tests) and from ncc's bundle, which copies it next to index.js.





const layers_worker_BLOCK = 512;

/**
 * What docker's init layer (daemon/initlayer) puts in every container, above the image: directories (0755), empty
 * files (0755) and the etc/mtab symlink. Its non-directories hide whatever the image has at those paths.
 */
const INIT_DIRS = ['dev', 'dev/pts', 'dev/shm', 'etc', 'proc', 'sys'];
const INIT_EMPTY_FILES = ['dev/console', 'etc/hostname', 'etc/hosts', 'etc/resolv.conf'];
const INIT_SYMLINKS = { 'etc/mtab': '/proc/mounts' };
const INIT_FILES = new Set([...INIT_EMPTY_FILES, ...Object.keys(INIT_SYMLINKS)]);

/** Ring control words (Int32Array over a SharedArrayBuffer). */
const CTRL = { published: 0, consumed: 1, state: 2, errorLength: 3 };
/** Ring states. */
const STATE = { running: 0, done: 1, failed: 2 };

function layers_worker_octal(buf, value, off, len) {
  buf.write(`${value.toString(8).padStart(len - 1, '0')}\0`, off, len, 'latin1');
}

function paxRecord(key, value) {
  const body = ` ${key}=${value}\n`;
  const bodyLen = Buffer.byteLength(body);
  let len = bodyLen + 1;
  while (String(len).length + bodyLen !== len) len = String(len).length + bodyLen;
  return `${len}${body}`;
}

function rawHeader(name, type, mode, size, mtime, linkname) {
  const h = Buffer.alloc(layers_worker_BLOCK);
  const n = Buffer.from(name);
  n.copy(h, 0, 0, Math.min(100, n.length));
  layers_worker_octal(h, mode & 0o7777, 100, 8);
  layers_worker_octal(h, 0, 108, 8);
  layers_worker_octal(h, 0, 116, 8);
  layers_worker_octal(h, size, 124, 12);
  layers_worker_octal(h, Math.max(0, Math.floor(mtime)), 136, 12);
  h.fill(0x20, 148, 156);
  h.write(type, 156, 'latin1');
  const l = Buffer.from(linkname);
  l.copy(h, 157, 0, Math.min(100, l.length));
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  let sum = 0;
  for (let i = 0; i < layers_worker_BLOCK; i++) sum += h[i];
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return h;
}

/** A tar entry header (with a PAX header first when the name, link or size does not fit ustar). */
function tarHeader(name, type, mode, size, mtime, linkname = '') {
  const records = [];
  const plain = /^[\x20-\x7e]*$/;
  if (Buffer.byteLength(name) > 100 || !plain.test(name)) records.push(paxRecord('path', name));
  if (Buffer.byteLength(linkname) > 100 || !plain.test(linkname)) records.push(paxRecord('linkpath', linkname));
  const big = size >= 8 ** 11;
  if (big) records.push(paxRecord('size', String(size)));
  const main = rawHeader(name, type, mode, big ? 0 : size, mtime, linkname);
  if (!records.length) return main;
  const body = Buffer.from(records.join(''));
  const pad = Buffer.alloc((layers_worker_BLOCK - (body.length % layers_worker_BLOCK)) % layers_worker_BLOCK);
  return Buffer.concat([rawHeader('PaxHeader', 'x', 0o644, body.length, 0, ''), body, pad, main]);
}

/** The writing end of the ring: fills slots in order, waits while all slots are unread. */
class RingWriter {
  constructor(data, ctrl, lengths, slots, slotSize) {
    this.bytes = new Uint8Array(data);
    this.buf = Buffer.from(data);
    this.ctrl = ctrl;
    this.lengths = lengths;
    this.slots = slots;
    this.slotSize = slotSize;
    this.published = 0;
    this.fill = 0;
    this.ready = false;
  }

  /** Makes sure the current slot may be written (the reader has consumed it). */
  claim() {
    if (this.ready) return;
    for (;;) {
      const consumed = Atomics.load(this.ctrl, CTRL.consumed);
      if (this.published - consumed < this.slots) break;
      Atomics.wait(this.ctrl, CTRL.consumed, consumed, 1000);
    }
    this.ready = true;
  }

  get offset() {
    return (this.published % this.slots) * this.slotSize + this.fill;
  }

  publish() {
    this.lengths[this.published % this.slots] = this.fill;
    this.published++;
    this.fill = 0;
    this.ready = false;
    Atomics.store(this.ctrl, CTRL.published, this.published);
    Atomics.notify(this.ctrl, CTRL.published);
  }

  write(src) {
    let off = 0;
    while (off < src.length) {
      this.claim();
      const n = Math.min(src.length - off, this.slotSize - this.fill);
      src.copy(this.buf, this.offset, off, off + n);
      this.fill += n;
      off += n;
      if (this.fill === this.slotSize) this.publish();
    }
  }

  /** Reads `size` bytes of a file straight into the ring (no intermediate copy). */
  readFrom(fd, size, what) {
    let left = size;
    while (left > 0) {
      this.claim();
      const want = Math.min(left, this.slotSize - this.fill);
      const n = (0,external_node_fs_namespaceObject.readSync)(fd, this.bytes, this.offset, want, null);
      if (n === 0) throw new Error(`${what} shrank while it was read`);
      this.fill += n;
      left -= n;
      if (this.fill === this.slotSize) this.publish();
    }
  }

  finish() {
    if (this.fill > 0) this.publish();
  }
}

/** Opaque directories of a layer marked by xattr (trusted.overlay.opaque, user.overlay.opaque, user.fuseoverlayfs.opaque = y). */
function opaqueDirs(layer) {
  let out;
  try {
    out = (0,external_node_child_process_namespaceObject.execFileSync)(
      'getfattr',
      ['--recursive', '--absolute-names', '--dump', '--match', '^((trusted|user)\\.overlay|user\\.fuseoverlayfs)\\.opaque$', '--', layer],
      { encoding: 'latin1', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch (err) {
    // Exit status 1 only means some files could not be read for attributes; the dump is still complete for the rest.
    if (err.status !== 1 || typeof err.stdout !== 'string') throw err;
    out = err.stdout;
  }
  const dirs = new Set();
  let current;
  for (const line of out.split('\n')) {
    if (line.startsWith('# file: ')) {
      const name = line.slice(8).replace(/\\([0-7]{3})/g, (_m, o) => String.fromCharCode(parseInt(o, 8)));
      current = Buffer.from(name, 'latin1').toString('utf8');
    } else if (current !== undefined && /^((trusted|user)\.overlay|user\.fuseoverlayfs)\.opaque="y"$/.test(line)) {
      const rel = external_node_path_namespaceObject.relative(layer, current);
      dirs.add(rel === '' ? '.' : rel);
    }
  }
  return dirs;
}

/** Writes one layer entry (header, and content for regular files) to the ring. */
function writeEntry(ring, abs, rel, st, seen) {
  const mtime = st.mtimeMs / 1000;
  const mode = st.mode & 0o7777;
  if (st.isDirectory()) {
    ring.write(tarHeader(rel, '5', mode, 0, mtime));
  } else if (st.isSymbolicLink()) {
    ring.write(tarHeader(rel, '2', 0o777, 0, mtime, (0,external_node_fs_namespaceObject.readlinkSync)(abs, 'utf8')));
  } else if (st.isCharacterDevice() && st.rdev === 0) {
    // overlay2 whiteout: the name is deleted from the layers below.
    const slash = rel.lastIndexOf('/');
    ring.write(tarHeader(`${rel.slice(0, slash + 1)}.wh.${rel.slice(slash + 1)}`, '0', 0o644, 0, 0));
  } else if (st.isCharacterDevice() || st.isBlockDevice() || st.isFIFO()) {
    // Passed on so the extractor skips and counts them exactly as with docker export.
    ring.write(tarHeader(rel, st.isFIFO() ? '6' : st.isBlockDevice() ? '4' : '3', mode, 0, mtime));
  } else if (st.isFile()) {
    const first = st.nlink > 1 ? seen.get(st.ino) : undefined;
    if (first !== undefined) {
      ring.write(tarHeader(rel, '1', mode, 0, mtime, first));
      return;
    }
    if (st.nlink > 1) seen.set(st.ino, rel);
    ring.write(tarHeader(rel, '0', mode, st.size, mtime));
    if (st.size === 0) return;
    const fd = (0,external_node_fs_namespaceObject.openSync)(abs, external_node_fs_namespaceObject.constants.O_RDONLY | external_node_fs_namespaceObject.constants.O_NOFOLLOW);
    try {
      ring.readFrom(fd, st.size, abs);
    } finally {
      (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
    const pad = (layers_worker_BLOCK - (st.size % layers_worker_BLOCK)) % layers_worker_BLOCK;
    if (pad) ring.write(Buffer.alloc(pad));
  }
  // Sockets are not representable in tar; the daemon's export leaves them out too.
}

/** Walks the layers bottom first, depth-first in name order, into the ring. */
function writeLayers(ring, layers) {
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i];
    const opaque = i === 0 ? new Set() : opaqueDirs(layer);
    const seen = new Map();
    const stack = [''];
    while (stack.length) {
      const rel = stack.pop();
      const names = (0,external_node_fs_namespaceObject.readdirSync)(rel === '' ? layer : external_node_path_namespaceObject.join(layer, rel)).sort();
      // An opaque marker stored as a file (fuse-overlayfs) must come before the directory's other entries, which it
      // would otherwise delete again: names such as '-x' sort before '.wh..wh..opq'.
      const marker = names.indexOf('.wh..wh..opq');
      if (marker > 0) names.unshift(...names.splice(marker, 1));
      const dirs = [];
      for (const name of names) {
        const relPath = rel === '' ? name : `${rel}/${name}`;
        // Hidden by the init layer in a container, so absent from docker export too (with anything below it).
        if (INIT_FILES.has(relPath)) continue;
        const abs = external_node_path_namespaceObject.join(layer, relPath);
        const st = (0,external_node_fs_namespaceObject.lstatSync)(abs);
        writeEntry(ring, abs, relPath, st, seen);
        if (st.isDirectory()) {
          if (opaque.has(relPath)) ring.write(tarHeader(`${relPath}/.wh..wh..opq`, '0', 0o644, 0, 0));
          dirs.push(relPath);
        }
      }
      for (let j = dirs.length - 1; j >= 0; j--) stack.push(dirs[j]);
    }
  }
  ring.finish();
}

if (!external_node_worker_threads_namespaceObject.isMainThread && external_node_worker_threads_namespaceObject.workerData?.edaOciLayers) {
  const { layers, data, ctrl: ctrlBuf, lengths: lengthsBuf, error: errorBuf, slots, slotSize } = external_node_worker_threads_namespaceObject.workerData.edaOciLayers;
  const ctrl = new Int32Array(ctrlBuf);
  try {
    writeLayers(new RingWriter(data, ctrl, new Int32Array(lengthsBuf), slots, slotSize), layers);
    Atomics.store(ctrl, CTRL.state, STATE.done);
  } catch (err) {
    const text = Buffer.from(String(err.message)).subarray(0, errorBuf.byteLength);
    text.copy(Buffer.from(errorBuf));
    Atomics.store(ctrl, CTRL.errorLength, text.length);
    Atomics.store(ctrl, CTRL.state, STATE.failed);
  }
  Atomics.notify(ctrl, CTRL.published);
}

;// CONCATENATED MODULE: ./packages/oci/src/layers.ts
// The fast path of a build: read the image's overlay2 layer directories directly (where the daemon's storage is readable
// by this user) instead of `docker export`, producing the same tree. The layers are turned into an OCI-layer tar stream
// (whiteouts as `.wh.` entries) that goes through the same safe extractor, followed by the entries docker's init layer
// adds to every container, so the result is identical to what `docker export` of a created container gives.






/**
 * The image's layer directories, bottom first, when the storage driver is overlay2 or fuse-overlayfs and every layer directory is
 * readable and searchable by this process; otherwise undefined (use `docker export`).
 */
async function readableLayerDirs(image) {
    const gd = image.GraphDriver;
    // fuse-overlayfs (rootless Docker on kernels before 5.11) keeps the same diff-directory layout; its whiteouts and
    // opaque markers are `.wh.` files (what the OCI layer format uses), which the extractor applies the same way.
    if ((gd?.Name !== 'overlay2' && gd?.Name !== 'fuse-overlayfs') || !gd.Data?.UpperDir)
        return undefined;
    const lower = gd.Data.LowerDir ? gd.Data.LowerDir.split(':').filter(Boolean).reverse() : [];
    const layers = [...lower, gd.Data.UpperDir];
    for (const dir of layers) {
        if (!external_node_path_default().isAbsolute(dir))
            return undefined;
        try {
            await (0,promises_namespaceObject.access)(dir, external_node_fs_namespaceObject.constants.R_OK | external_node_fs_namespaceObject.constants.X_OK);
        }
        catch {
            return undefined;
        }
    }
    return layers;
}
/** True when `getfattr` can be run (needed for images with more than one layer). */
async function haveGetfattr() {
    try {
        await runCommand('getfattr', ['--version'], { quiet: true, timeoutMs: 10_000 });
        return true;
    }
    catch {
        return false;
    }
}
const SLOTS = 8;
const SLOT_SIZE = 1 << 20;
/** The entries docker's init layer adds to every container, as the topmost layer. */
function* initLayerEntries(mtime) {
    for (const d of INIT_DIRS)
        yield tarHeader(d, '5', 0o755, 0, mtime);
    for (const f of INIT_EMPTY_FILES)
        yield tarHeader(f, '0', 0o755, 0, mtime);
    for (const [l, target] of Object.entries(INIT_SYMLINKS))
        yield tarHeader(l, '2', 0o777, 0, mtime, target);
}
/** Every path docker's init layer adds or replaces (their mtimes are the container's creation time). */
const INIT_LAYER_PATHS = new Set([...INIT_DIRS, ...INIT_FILES]);
/** Reading the layer directories failed (permissions, a layer removed meanwhile): the caller may use docker export. */
class LayerReadError extends errors_BundleError {
    reason;
    name = 'LayerReadError';
    constructor(reason) {
        super(`cannot read the image layers directly: ${reason}`, 'use the docker export path (--extract auto or export, EDA_OCI_EXTRACT=export), or make the daemon storage readable by this user');
        this.reason = reason;
    }
}
/**
 * Streams the layers (bottom first) as one tar archive for extractTar(..., { whiteouts: true, reuseBuffers: true }),
 * followed by docker's init-layer entries. A worker thread (layers-worker.mjs) reads the layers into a ring of shared
 * buffers; each chunk yielded is a view of one ring slot, handed back when the next chunk is requested. overlay2
 * whiteouts (character devices 0/0) become `.wh.NAME` entries and opaque directories `DIR/.wh..wh..opq`; symlinks are
 * never followed and files are opened with O_NOFOLLOW.
 */
async function* layersArchive(layers, initMtime) {
    const data = new SharedArrayBuffer(SLOTS * SLOT_SIZE);
    const ctrlBuf = new SharedArrayBuffer(4 * 4);
    const lengthsBuf = new SharedArrayBuffer(4 * SLOTS);
    const errorBuf = new SharedArrayBuffer(4096);
    const ctrl = new Int32Array(ctrlBuf);
    const lengths = new Int32Array(lengthsBuf);
    const worker = new external_node_worker_threads_namespaceObject.Worker(new URL(/* asset import */ __nccwpck_require__(5510), __nccwpck_require__.b), {
        workerData: { edaOciLayers: { layers, data, ctrl: ctrlBuf, lengths: lengthsBuf, error: errorBuf, slots: SLOTS, slotSize: SLOT_SIZE } },
    });
    let crashed;
    worker.on('error', (err) => {
        crashed = err;
        Atomics.store(ctrl, CTRL.state, STATE.failed);
        Atomics.notify(ctrl, CTRL.published);
    });
    const fail = (why) => new LayerReadError(why);
    try {
        let consumed = 0;
        for (;;) {
            const published = Atomics.load(ctrl, CTRL.published);
            if (published > consumed) {
                const slot = consumed % SLOTS;
                yield Buffer.from(data, slot * SLOT_SIZE, lengths[slot]);
                // The consumer asked for more, so it is done with that slot (reuseBuffers): hand it back to the worker.
                consumed++;
                Atomics.store(ctrl, CTRL.consumed, consumed);
                Atomics.notify(ctrl, CTRL.consumed);
                continue;
            }
            const state = Atomics.load(ctrl, CTRL.state);
            if (state === STATE.done && Atomics.load(ctrl, CTRL.published) === consumed)
                break;
            if (state === STATE.failed) {
                if (crashed)
                    throw fail(crashed.message);
                throw fail(Buffer.from(errorBuf, 0, Atomics.load(ctrl, CTRL.errorLength)).toString());
            }
            const wait = Atomics.waitAsync(ctrl, CTRL.published, published, 1000);
            if (wait.async)
                await wait.value;
        }
    }
    finally {
        await worker.terminate();
    }
    yield* initLayerEntries(initMtime);
    yield Buffer.alloc(layers_worker_BLOCK * 2);
}

;// CONCATENATED MODULE: ./packages/oci/src/lockfile.ts
// bundle.lock.json: the provenance record of a bundle, and the digest that names the bundle.




/** Schema version of bundle.lock.json; bump on incompatible changes. */
const LOCKFILE_VERSION = 1;
/** The lockfile's name inside a bundle directory. */
const LOCKFILE_NAME = 'bundle.lock.json';
/** Directory inside rootfs/ that eda-oci owns; excluded from the rootfs tree digest. */
const BUNDLE_META_DIR = '.eda-oci';
/** `sha256:<hex>` of a string or buffer. */
function sha256(data) {
    return `sha256:${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(data).digest('hex')}`;
}
/** The bundle digest: binds config.json and the rootfs tree together. */
function bundleDigest(configSha256, treeDigest) {
    return sha256(`eda-oci-bundle-v1\nconfig ${configSha256}\nrootfs ${treeDigest}\n`);
}
/** Reads a bundle's lockfile; undefined when the file does not exist, BundleError when it is not valid. */
async function readLockfile(bundleDir) {
    return (await readLockfileText(bundleDir))?.lock;
}
/**
 * readLockfile that also returns the file's text as read, for a caller that copies the lockfile (publish): the copy is
 * then the text that was checked, not a second read of a file that may have changed since.
 */
async function readLockfileText(bundleDir) {
    const file = external_node_path_default().join(bundleDir, LOCKFILE_NAME);
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
    let lock;
    try {
        lock = JSON.parse(text);
    }
    catch {
        throw new errors_BundleError(`${file} is not valid JSON`, 'rebuild the bundle with build-oci-bundle');
    }
    if (lock.lockfileVersion !== LOCKFILE_VERSION || typeof lock.bundleDigest !== 'string' || !lock.rootfs || !lock.image) {
        throw new errors_BundleError(`${file} is not an eda-oci lockfile of version ${LOCKFILE_VERSION}`, 'rebuild the bundle with build-oci-bundle');
    }
    return { lock, text };
}
/** GitHub Actions run provenance from the environment, when present. */
function ciProvenance(env = process.env) {
    if (!env.GITHUB_RUN_ID)
        return undefined;
    return {
        repository: env.GITHUB_REPOSITORY,
        runId: env.GITHUB_RUN_ID,
        runAttempt: env.GITHUB_RUN_ATTEMPT,
        workflow: env.GITHUB_WORKFLOW,
        sha: env.GITHUB_SHA,
        serverUrl: env.GITHUB_SERVER_URL,
    };
}

;// CONCATENATED MODULE: ./packages/oci/src/manifest.ts
// bundle.files: the per-file manifest a build writes next to bundle.lock.json, so that publishing can verify a bundle
// and find unchanged files from metadata alone instead of re-hashing every file.
//
// Format (UTF-8 text, one record per line, fields separated by TAB; `\`, TAB, LF and CR inside a path or symlink target
// are written as `\\`, `\t`, `\n`, `\r`):
//   eda-oci-files 1
//   root  <mode octal> <mtime ns> <inode> <ctime ns>      (the rootfs directory itself; not part of the tree digest)
//   statted <ns>                                          (from this wall-clock time on, recorded ctimes are reliable)
//   <blank line>
//   <path> <f|d|l> <mode octal> <size> <mtime ns> <sha256 hex | link target | -> <inode> <ctime ns>
// Records are sorted by the UTF-8 bytes of the path, like the tree digest. `inode` and `ctime` are what one lstat after
// the build's last change gave: a later lstat with the same inode and ctime (which no user can set) proves the file
// was not modified since, except for changes in the same clock tick as that lstat; see RACY_WINDOW_NS. The build
// records `statted` = end of its lstat pass + RACY_WINDOW_NS and makes the bundle visible only after that time, so a
// later change always lands in a later tick and no entry of a built bundle is racy.



/** The manifest's file name inside a bundle directory. */
const MANIFEST_NAME = 'bundle.files';
/** The first line of a manifest (and of the store's publish.files). */
const MANIFEST_MAGIC = 'eda-oci-files 1';
/**
 * Entries whose ctime is at most this much before `statted` (or later) are "racy": a write right after the build's
 * lstat can leave ctime unchanged, because the kernel stamps times from a clock that advances once per tick (1-10 ms),
 * so such entries must be re-read before their recorded content is trusted (git's racy-clean rule).
 */
const RACY_WINDOW_NS = 50000000n;
const { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK } = external_node_fs_namespaceObject.constants;
/** The manifest type of a path, or undefined for what a bundle never holds (device nodes, FIFOs, sockets). */
function manifestType(st) {
    // From one conversion of the mode: BigIntStats' isFile() and friends allocate BigInts per call, and the store
    // calls this once per path of a bundle.
    const fmt = Number(st.mode) & S_IFMT;
    return fmt === S_IFREG ? 'f' : fmt === S_IFDIR ? 'd' : fmt === S_IFLNK ? 'l' : undefined;
}
/** The mode a manifest records for a path: its permission bits, 0o777 for a symlink (whose own mode means nothing). */
function manifestMode(type, st) {
    return type === 'l' ? 0o777 : Number(st.mode) & 0o7777;
}
/** A manifest entry from one lstat of the path and its content (file sha256, symlink target, '' for a directory). */
function manifestEntry(path, type, st, content, ctimeNs = st.ctimeNs.toString()) {
    return {
        path,
        type,
        mode: manifestMode(type, st),
        size: type === 'f' ? Number(st.size) : 0,
        mtimeNs: st.mtimeNs.toString(),
        content,
        ino: st.ino.toString(),
        ctimeNs,
    };
}
const ESCAPES = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES = { '\\': '\\', t: '\t', n: '\n', r: '\r' };
function escapeField(s) {
    return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : s;
}
/** A path or symlink target of a manifest line with its escapes undone; undefined when it has an invalid escape. */
function unescapeManifestField(s) {
    if (!s.includes('\\'))
        return s;
    let bad = false;
    const out = s.replace(/\\(.?)/g, (_m, c) => {
        const u = UNESCAPES[c];
        if (u === undefined)
            bad = true;
        return u ?? '';
    });
    return bad ? undefined : out;
}
const REBUILD_HINT = 'the file is damaged or was edited; rebuild the bundle with build-oci-bundle';
/** Sorts by the UTF-8 bytes of the path (the tree digest's order). */
function sortByPathBytes(items) {
    // For ASCII paths (nearly always) JavaScript's string order is the byte order, and much cheaper.
    if (!items.some((i) => NON_ASCII.test(i.path)))
        return [...items].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
    const keyed = items.map((item) => ({ item, b: Buffer.from(item.path, 'utf8') }));
    keyed.sort((x, y) => Buffer.compare(x.b, y.b));
    return keyed.map((k) => k.item);
}
/** Renders a manifest; entries must already be sorted (see {@link sortByPathBytes}). */
function formatManifest(m) {
    const r = m.root;
    const parts = [`${MANIFEST_MAGIC}\nroot\t${r.mode.toString(8)}\t${r.mtimeNs}\t${r.ino}\t${r.ctimeNs || '-'}\nstatted\t${m.statted}\n\n`];
    for (const e of m.entries) {
        const content = e.type === 'd' ? '-' : escapeField(e.content);
        parts.push(`${escapeField(e.path)}\t${e.type}\t${e.mode.toString(8)}\t${e.size}\t${e.mtimeNs}\t${content}\t${e.ino}\t${e.ctimeNs || '-'}\n`);
    }
    return parts.join('');
}
const DIGITS = /^\d+$/;
const SIGNED = /^-?\d+$/;
const OCTAL = /^[0-7]{1,5}$/;
const SHA_HEX = /^[0-9a-f]{64}$/;
/** True when `a` sorts before `b` in UTF-8 byte order (UTF-16 order agrees unless a surrogate pair is involved). */
function beforeInBytes(a, b) {
    if (!NON_ASCII.test(a) && !NON_ASCII.test(b))
        return a < b;
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0;
}
const NON_ASCII = /[^ -~\t\n\r]/;
/** An empty, `.` or `..` component, or a leading slash. */
const BAD_PATH = /(^|\/)\.{0,2}(\/|$)/;
/** Whether a manifest path is relative and has no empty, `.` or `..` component (cannot lead out of the rootfs). */
function isManifestPath(path) {
    return path !== '' && !BAD_PATH.test(path);
}
/**
 * Parses one entry line of a manifest (or publish.files): the entry, or why the line is not one (what follows
 * "line N" in parseManifest's message). With `after` (the previous line's path) the path must sort after it.
 * `checkFields: false` checks only the field count, the type and the escapes, not the numeric fields, the content
 * (sha256 of a file, '-' of a directory) or the path ({@link isManifestPath}): for a reader that proves what it uses
 * by other means (the store's link index compares paths and lstat-s every candidate).
 */
function parseManifestLine(line, checkFields, after) {
    const f = line.split('\t');
    if (f.length !== 8)
        return `has ${f.length} fields, not 8`;
    const [p, type, mode, size, mtime, content, ino, ctime] = f;
    if (type !== 'f' && type !== 'd' && type !== 'l')
        return `has the unknown type '${type}'`;
    if (checkFields) {
        if (!OCTAL.test(mode) || !DIGITS.test(size) || !SIGNED.test(mtime) || !DIGITS.test(ino) || (ctime !== '-' && !DIGITS.test(ctime)))
            return 'has a non-numeric field';
        if (type === 'f' ? !SHA_HEX.test(content) : type === 'd' && content !== '-')
            return type === 'f' ? 'has no sha256 for a file' : "has content for a directory (expected '-')";
    }
    const path = unescapeManifestField(p);
    if (path === undefined)
        return 'has an invalid escape';
    if (checkFields && !isManifestPath(path))
        return `has an invalid path '${path}'`;
    // The order proves there are no duplicates and matches the digest's order.
    if (after !== undefined && !beforeInBytes(after, path))
        return `is out of order or repeats a path ('${path}')`;
    const target = type === 'l' ? unescapeManifestField(content) : type === 'd' ? '' : content;
    if (target === undefined)
        return 'has an invalid escape';
    return {
        path,
        type,
        mode: parseInt(mode, 8),
        size: +size,
        mtimeNs: mtime,
        content: target,
        ino,
        ctimeNs: ctime === '-' ? '' : ctime,
    };
}
/** Parses a manifest; a malformed one is a BundleError naming the line. */
function parseManifest(text) {
    const lines = text.split('\n');
    const bad = (line, why) => new errors_BundleError(`${MANIFEST_NAME} line ${line} ${why}`, REBUILD_HINT);
    if (lines[0] !== MANIFEST_MAGIC)
        throw bad(1, `is not '${MANIFEST_MAGIC}'`);
    const rootF = (lines[1] ?? '').split('\t');
    if (rootF.length !== 5 || rootF[0] !== 'root' || !OCTAL.test(rootF[1]) || !SIGNED.test(rootF[2]) || !DIGITS.test(rootF[3]))
        throw bad(2, 'is not a valid root record');
    const st = (lines[2] ?? '').split('\t');
    if (st.length !== 2 || st[0] !== 'statted' || !DIGITS.test(st[1]))
        throw bad(3, 'is not a valid statted record');
    if (lines[3] !== '')
        throw bad(4, 'is not empty');
    if (lines[lines.length - 1] !== '')
        throw bad(lines.length, 'is not terminated by a newline');
    const entries = new Array(Math.max(0, lines.length - 5));
    let prev;
    for (let i = 4; i < lines.length - 1; i++) {
        const e = parseManifestLine(lines[i], true, prev);
        if (typeof e === 'string')
            throw bad(i + 1, e);
        prev = e.path;
        entries[i - 4] = e;
    }
    return {
        root: { mode: parseInt(rootF[1], 8), mtimeNs: rootF[2], ino: rootF[3], ctimeNs: rootF[4] === '-' ? '' : rootF[4] },
        statted: BigInt(st[1]),
        entries,
    };
}
/** Whole seconds (floor) of a decimal ns string, as the tree digest records mtimes. */
function nsToSeconds(ns) {
    if (ns.startsWith('-')) {
        const b = BigInt(ns);
        return Number(b / 1000000000n - (b % 1000000000n < 0n ? 1n : 0n));
    }
    return ns.length <= 9 ? 0 : Number(ns.slice(0, -9));
}
/**
 * The tree digest and counts of a manifest's entries (sorted, as parseManifest and manifestFromRecords return them),
 * computed exactly as summarizeTree computes them, without sorting again.
 */
function summarizeManifest(entries) {
    const digest = new TreeDigestBuilder();
    for (const e of entries)
        digest.add(e.path, e.type, e.mode, e.size, nsToSeconds(e.mtimeNs), e.content, e.ino);
    return digest.finish();
}
/**
 * Reads inode, ctime and exact mtime of every recorded path under `rootfs` (one lstat each) and returns the manifest.
 * Call after the last change to the tree (modes and times applied); `records` are the extractor's (content hashes are
 * taken from them, nothing is re-read). `statted` is set to the end of the pass plus RACY_WINDOW_NS: the caller must
 * not let anything else change the tree before that time.
 */
function manifestFromRecords(rootfs, records) {
    const rootSt = (0,external_node_fs_namespaceObject.lstatSync)(rootfs, { bigint: true });
    const entries = [];
    for (const [p, r] of records) {
        const st = (0,external_node_fs_namespaceObject.lstatSync)(`${rootfs}/${p}`, { bigint: true });
        const type = manifestType(st);
        if (type !== r.type)
            throw new errors_BundleError(`${rootfs}/${p} changed type during the build`, 'something else writes into the staging directory; retry');
        entries.push(manifestEntry(p, type, st, r.content));
    }
    const statted = (BigInt(Date.now()) + 1n) * 1000000n + RACY_WINDOW_NS;
    return {
        root: {
            mode: Number(rootSt.mode & 4095n),
            mtimeNs: rootSt.mtimeNs.toString(),
            ino: rootSt.ino.toString(),
            ctimeNs: rootSt.ctimeNs.toString(),
        },
        statted,
        entries: sortByPathBytes(entries),
    };
}

;// CONCATENATED MODULE: ./packages/oci/src/runtime-spec.ts
// OCI runtime-spec config.json: the rootless base runc writes, image config applied, user overlay merged.

const CAPS = ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'];
/**
 * The spec `runc spec --rootless` (runc 1.1) writes for a user with host ids `uid`/`gid`, field for field, except
 * that eda-oci sets `process.terminal` false: batch jobs and CI runners have no tty ("open /dev/tty" otherwise).
 */
function rootlessBaseSpec(uid, gid) {
    return {
        ociVersion: '1.0.2-dev',
        process: {
            terminal: false,
            user: { uid: 0, gid: 0 },
            args: ['sh'],
            env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm'],
            cwd: '/',
            capabilities: { bounding: [...CAPS], effective: [...CAPS], permitted: [...CAPS], ambient: [...CAPS] },
            rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
            noNewPrivileges: true,
        },
        root: { path: 'rootfs', readonly: true },
        hostname: 'runc',
        mounts: [
            { destination: '/proc', type: 'proc', source: 'proc' },
            { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
            {
                destination: '/dev/pts',
                type: 'devpts',
                source: 'devpts',
                options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620'],
            },
            { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'] },
            { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
            { destination: '/sys', type: 'none', source: '/sys', options: ['rbind', 'nosuid', 'noexec', 'nodev', 'ro'] },
            { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['nosuid', 'noexec', 'nodev', 'relatime', 'ro'] },
        ],
        linux: {
            uidMappings: [{ containerID: 0, hostID: uid, size: 1 }],
            gidMappings: [{ containerID: 0, hostID: gid, size: 1 }],
            namespaces: [{ type: 'pid' }, { type: 'ipc' }, { type: 'uts' }, { type: 'mount' }, { type: 'user' }],
            maskedPaths: [
                '/proc/acpi',
                '/proc/asound',
                '/proc/kcore',
                '/proc/keys',
                '/proc/latency_stats',
                '/proc/timer_list',
                '/proc/timer_stats',
                '/proc/sched_debug',
                '/sys/firmware',
                '/proc/scsi',
            ],
            readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
        },
    };
}
/**
 * User-namespace mappings for running as host `uid`/`gid`: container root is the caller (as `runc spec --rootless`);
 * with a subordinate range, container ids 1..count map onto it (runc then uses newuidmap/newgidmap), which is what lets
 * an image's non-root USER exist inside the container.
 */
function idMappings(hostId, sub) {
    const maps = [{ containerID: 0, hostID: hostId, size: 1 }];
    if (sub && sub.count > 0 && hostId !== 0)
        maps.push({ containerID: 1, hostID: sub.start, size: Math.min(sub.count, 65536) });
    // Root needs no subordinate range: it may map any host ids; identity keeps file ownership readable on the host.
    if (hostId === 0)
        maps[0].size = 65536;
    return maps;
}
/**
 * Applies the image's Env (merged over runc's defaults, image wins), WorkingDir, resolved User (uid/gid) and Entrypoint+Cmd.
 * Mirrors what `docker run` would do: args = Entrypoint ++ Cmd; no args at all keeps runc's `sh` default.
 */
function applyImageConfig(spec, image, user) {
    const out = structuredClone(spec);
    out.process.env = mergeEnv(out.process.env, image.env);
    if (!out.process.env.some((e) => e.startsWith('HOME=')))
        out.process.env.push(`HOME=${user.home ?? '/'}`);
    if (image.workingDir)
        out.process.cwd = image.workingDir;
    const args = [...image.entrypoint, ...image.cmd];
    if (args.length > 0)
        out.process.args = args;
    // No additionalGids: runc 1.1 refuses them in rootless containers ("cannot set any additional groups in a
    // rootless container"), measured with runc 1.1.5 even with newgidmap ranges.
    out.process.user = { uid: user.uid, gid: user.gid };
    return out;
}
/** Merges KEY=value lists; later lists override earlier keys, order of first appearance kept. */
function mergeEnv(base, over) {
    const map = new Map();
    for (const e of [...base, ...over]) {
        const eq = e.indexOf('=');
        const key = eq < 0 ? e : e.slice(0, eq);
        map.set(key, e);
    }
    return [...map.values()];
}
const OVERLAY_KEYS = ['env', 'cwd', 'args', 'hostname', 'mounts', 'annotations'];
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** Validates the parsed `config` input (YAML/JSON object) into a ConfigOverlay; errors name the field. */
function validateOverlay(value) {
    if (value === undefined || value === null)
        return {};
    const fix = 'config accepts only env (map), cwd (absolute path), args (list), hostname, mounts (list), annotations (map)';
    if (typeof value !== 'object' || Array.isArray(value))
        throw new errors_ConfigurationError('config must be a YAML/JSON mapping', fix);
    const v = value;
    for (const k of Object.keys(v)) {
        if (!OVERLAY_KEYS.includes(k))
            throw new errors_ConfigurationError(`config has an unknown key '${k}'`, fix);
    }
    const out = {};
    if (v.env !== undefined)
        out.env = stringMap(v.env, 'config.env', (k) => ENV_KEY.test(k), 'variable names are letters, digits and _');
    if (v.cwd !== undefined) {
        if (typeof v.cwd !== 'string' || !v.cwd.startsWith('/') || v.cwd.includes('\0')) {
            throw new errors_ConfigurationError(`config.cwd must be an absolute path inside the container, got ${JSON.stringify(v.cwd)}`, 'e.g. cwd: /work');
        }
        out.cwd = v.cwd;
    }
    if (v.args !== undefined) {
        if (!Array.isArray(v.args) || v.args.length === 0 || !v.args.every((a) => typeof a === 'string' || typeof a === 'number')) {
            throw new errors_ConfigurationError('config.args must be a non-empty list of strings', 'e.g. args: [/bin/sh, -c, "echo hi"]');
        }
        out.args = v.args.map(String);
    }
    if (v.hostname !== undefined) {
        if (typeof v.hostname !== 'string' || !HOSTNAME.test(v.hostname)) {
            throw new errors_ConfigurationError(`config.hostname ${JSON.stringify(v.hostname)} is not a valid host name`, 'use letters, digits and -, up to 63 characters');
        }
        out.hostname = v.hostname;
    }
    if (v.mounts !== undefined) {
        if (!Array.isArray(v.mounts))
            throw new errors_ConfigurationError('config.mounts must be a list', 'e.g. mounts: [{destination: /tools, type: none, source: /opt/tools, options: [rbind, ro]}]');
        out.mounts = v.mounts.map((m, i) => validateMount(m, i));
    }
    if (v.annotations !== undefined)
        out.annotations = stringMap(v.annotations, 'config.annotations', (k) => k.length > 0 && k.length <= 253, 'keys are non-empty strings');
    return out;
}
function stringMap(v, where, keyOk, rule) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new errors_ConfigurationError(`${where} must be a mapping of names to values`, `e.g. ${where.split('.')[1]}: {KEY: value}`);
    const out = {};
    for (const [k, val] of Object.entries(v)) {
        if (!keyOk(k))
            throw new errors_ConfigurationError(`${where} has an invalid key '${k}'`, rule);
        if (typeof val !== 'string' && typeof val !== 'number' && typeof val !== 'boolean') {
            throw new errors_ConfigurationError(`${where}.${k} must be a string, got ${JSON.stringify(val)}`, 'quote the value');
        }
        if (String(val).includes('\0'))
            throw new errors_ConfigurationError(`${where}.${k} contains a NUL byte`, 'remove it');
        out[k] = String(val);
    }
    return out;
}
function validateMount(m, i) {
    const where = `config.mounts[${i}]`;
    if (typeof m !== 'object' || m === null || Array.isArray(m))
        throw new errors_ConfigurationError(`${where} must be a mapping`, 'give destination, and optionally type, source, options');
    const r = m;
    for (const k of Object.keys(r)) {
        if (!['destination', 'type', 'source', 'options'].includes(k))
            throw new errors_ConfigurationError(`${where} has an unknown key '${k}'`, 'allowed: destination, type, source, options');
    }
    if (typeof r.destination !== 'string' || !r.destination.startsWith('/')) {
        throw new errors_ConfigurationError(`${where}.destination must be an absolute path inside the container`, 'e.g. destination: /tools');
    }
    const out = { destination: r.destination };
    if (r.type !== undefined) {
        if (typeof r.type !== 'string' || !/^[a-z0-9_.-]+$/.test(r.type))
            throw new errors_ConfigurationError(`${where}.type is not a file system type`, 'e.g. type: none (bind), tmpfs');
        out.type = r.type;
    }
    if (r.source !== undefined) {
        if (typeof r.source !== 'string' || r.source === '')
            throw new errors_ConfigurationError(`${where}.source must be a path or a file system name`, 'e.g. source: /opt/tools');
        out.source = r.source;
    }
    if (r.options !== undefined) {
        if (!Array.isArray(r.options) || !r.options.every((o) => typeof o === 'string'))
            throw new errors_ConfigurationError(`${where}.options must be a list of strings`, 'e.g. options: [rbind, ro]');
        out.options = r.options;
    }
    return out;
}
/** Merges a validated overlay into a spec: env keys override, mounts append (same destination replaced). */
function applyOverlay(spec, overlay) {
    const out = structuredClone(spec);
    if (overlay.env)
        out.process.env = mergeEnv(out.process.env, Object.entries(overlay.env).map(([k, v]) => `${k}=${v}`));
    if (overlay.cwd)
        out.process.cwd = overlay.cwd;
    if (overlay.args)
        out.process.args = [...overlay.args];
    if (overlay.hostname)
        out.hostname = overlay.hostname;
    if (overlay.mounts) {
        const dests = new Set(overlay.mounts.map((m) => m.destination));
        out.mounts = [...out.mounts.filter((m) => !dests.has(m.destination)), ...overlay.mounts];
    }
    if (overlay.annotations)
        out.annotations = { ...(out.annotations ?? {}), ...overlay.annotations };
    return out;
}
/** Serializes a spec the way eda-oci writes it (stable key order as built, tab indent like runc). */
function serializeSpec(spec) {
    return `${JSON.stringify(spec, null, '\t')}\n`;
}
/** Parses `config` text (YAML or JSON) and validates it; syntax errors name the line. */
function parseConfigOverlay(text) {
    if (text === undefined || text.trim() === '')
        return {};
    return validateOverlay(parseYamlText(text, 'config', 'fix the YAML/JSON syntax'));
}

;// CONCATENATED MODULE: ./packages/oci/src/subid.ts
// Subordinate id ranges (/etc/subuid, /etc/subgid) of a user, needed to map an image's non-root USER rootlessly.

/** Parses subuid/subgid text and returns the first range for `name` or numeric `id`, if any. */
function findSubIdRange(text, name, id) {
    for (const line of text.split('\n')) {
        const f = line.trim().split(':');
        if (f.length !== 3 || !/^\d+$/.test(f[1]) || !/^\d+$/.test(f[2]))
            continue;
        if (f[0] === name || f[0] === String(id))
            return { start: Number(f[1]), count: Number(f[2]) };
    }
    return undefined;
}
/** Reads the range of a user from `file` (/etc/subuid or /etc/subgid); undefined when absent or unreadable. */
async function readSubIdRange(file, name, id) {
    try {
        return findSubIdRange(await (0,promises_namespaceObject.readFile)(file, 'utf8'), name, id);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/oci/src/fs-util.ts
// File-system helpers for bundles: removing trees with read-only dirs, bundle names, temp suffixes, pid checks.




/**
 * Removes a tree even when it contains directories without write permission (images have 0555 dirs; an unprivileged
 * owner cannot unlink inside them until it restores u+w). Never follows symlinks. Missing paths are fine.
 */
async function removeTree(target) {
    try {
        await (0,promises_namespaceObject.rm)(target, { recursive: true, force: true, maxRetries: 2 });
        return;
    }
    catch (err) {
        const code = err.code;
        if (code !== 'EACCES' && code !== 'EPERM')
            throw err;
    }
    await makeWritable(target);
    await (0,promises_namespaceObject.rm)(target, { recursive: true, force: true, maxRetries: 2 });
}
async function makeWritable(dir) {
    let st;
    try {
        st = await (0,promises_namespaceObject.lstat)(dir);
    }
    catch {
        return;
    }
    if (!st.isDirectory())
        return;
    if ((st.mode & 0o700) !== 0o700)
        await (0,promises_namespaceObject.chmod)(dir, (st.mode & 0o7777) | 0o700).catch(() => undefined);
    let names;
    try {
        names = await (0,promises_namespaceObject.readdir)(dir);
    }
    catch {
        return;
    }
    for (const n of names)
        await makeWritable(external_node_path_default().join(dir, n));
}
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Validates a bundle name (`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`); it becomes a directory name. */
function validateBundleName(name) {
    if (!NAME_RE.test(name)) {
        const why = name === ''
            ? 'it is empty'
            : name.startsWith('-')
                ? "it starts with '-'"
                : name.includes('/') || name.includes('..')
                    ? 'it contains a path separator or ..'
                    : name.length > 128
                        ? 'it is longer than 128 characters'
                        : 'it has characters outside letters, digits, ., _ and -';
        throw new errors_ConfigurationError(`bundle name '${name}' is invalid: ${why}`, 'use letters, digits, ., _ and -, starting with a letter or digit (e.g. vcs-2024.06)');
    }
    return name;
}
/** A random suffix for temporary names that includes the host-unique pid, so leftovers can be attributed. */
function tempSuffix() {
    return `${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
}
/** True when a process with this pid exists on this host. */
function pidAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}

;// CONCATENATED MODULE: ./packages/oci/src/build.ts
// Image -> OCI bundle: resolve/pull the image, stream `docker export` into a private staging rootfs through the safe
// extractor, write config.json, bundle-id and bundle.lock.json, then move the finished bundle into place with rename(2).














/** Version of the build recipe; part of the cache key, bump when the bundle layout or extraction rules change. */
const BUILDER_VERSION = '1';
/** Label put on the (never started) containers a build creates, so leftovers can be found and removed. */
const BUILD_LABEL = 'org.eda-oci.build';
/** Validates an extraction method from `where` (a CLI flag or the EDA_OCI_EXTRACT knob); unset means auto. */
function parseExtractMethod(value, where) {
    if (value === undefined || value === '')
        return 'auto';
    if (value === 'auto' || value === 'export' || value === 'layers')
        return value;
    throw new errors_ConfigurationError(`${where} is '${value}', which is not one of auto, export, layers`, `set ${where} to auto, export or layers`);
}
const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const PULL_POLICIES = ['missing', 'always', 'never'];
/** Validates a platform string (`os/arch[/variant]`). */
function validatePlatform(platform) {
    if (!PLATFORM_RE.test(platform))
        throw new errors_ConfigurationError(`platform '${platform}' is not os/arch[/variant]`, 'use e.g. linux/amd64 or linux/arm64/v8');
    return platform;
}
/** Validates every build option before anything is touched; returns normalized values. */
async function validateBuildOptions(o) {
    parseImageReference(o.image);
    validateBundleName(o.name);
    const pull = o.pull ?? 'missing';
    if (!PULL_POLICIES.includes(pull))
        throw new errors_ConfigurationError(`pull '${pull}' is not one of missing, always, never`, 'use pull: missing | always | never');
    if (o.platform !== undefined)
        validatePlatform(o.platform);
    if (!o.outputDir || o.outputDir.includes('\0'))
        throw new errors_ConfigurationError('output-dir is empty', 'set output-dir to a directory on local disk');
    const outputDir = external_node_path_default().resolve(o.outputDir);
    await checkWritableDir(outputDir);
    return { outputDir, pull };
}
/** Fails with an actionable line unless `dir` exists as a writable directory or can be created. */
async function checkWritableDir(dir) {
    let probe = dir;
    for (;;) {
        try {
            const st = await (0,promises_namespaceObject.stat)(probe);
            if (!st.isDirectory()) {
                throw new errors_ConfigurationError(`output-dir '${dir}' cannot be used: '${probe}' is not a directory`, 'choose a directory path');
            }
            break;
        }
        catch (err) {
            if (err instanceof errors_EdaOciError)
                throw err;
            const parent = external_node_path_default().dirname(probe);
            if (parent === probe)
                break;
            probe = parent;
        }
    }
    try {
        await (0,promises_namespaceObject.access)(probe, external_node_fs_namespaceObject.constants.W_OK | external_node_fs_namespaceObject.constants.X_OK);
    }
    catch (err) {
        const who = external_node_os_default().userInfo().username;
        const code = err.code;
        throw new errors_ConfigurationError(`output-dir '${dir}' is not writable by user ${who} (${code === 'EROFS' ? 'read-only file system' : `${code} on ${probe}`})`, 'choose a directory this user can write, e.g. under $RUNNER_TEMP, or fix its permissions');
    }
}
/**
 * Builds `<outputDir>/<name>` from an image. The bundle appears only when complete; a failure or cancellation removes
 * the staging directory and the export container. Rebuilding the same image id with the same inputs is a cache hit.
 */
async function buildBundle(options, deps = {}) {
    const log = deps.logger ?? logger_silentLogger;
    const docker = deps.docker ?? new DockerClient({ logger: log });
    const env = deps.env ?? process.env;
    const me = deps.user ?? { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, name: external_node_os_default().userInfo().username };
    const { outputDir, pull } = await validateBuildOptions(options);
    const ref = parseImageReference(options.image);
    const signal = options.signal;
    const overlay = options.config ?? {};
    const timings = {};
    const warnings = [];
    const t0 = Date.now();
    const bundlePath = external_node_path_default().join(outputDir, options.name);
    const image = await log.group('Resolve image', async () => {
        const t = Date.now();
        const img = await resolveImage(docker, ref, pull, options.platform, log, signal);
        timings.resolve = Date.now() - t;
        log.info(`image ${options.image} is ${img.Id} (${imagePlatform(img)})`);
        return img;
    });
    const platform = imagePlatform(image);
    const repoDigest = repoDigestFor(image, ref);
    const [subuid, subgid] = me.uid === 0
        ? [undefined, undefined]
        : await Promise.all([
            readSubIdRange(deps.subuidFile ?? '/etc/subuid', me.name, me.uid),
            readSubIdRange(deps.subgidFile ?? '/etc/subgid', me.name, me.gid),
        ]);
    const uidMappings = idMappings(me.uid, subuid);
    const gidMappings = idMappings(me.gid, subgid);
    const cacheKey = sha256(JSON.stringify({ v: BUILDER_VERSION, id: image.Id, platform, overlay, uid: me.uid, gid: me.gid, uidMappings, gidMappings }));
    const cached = await checkCache(bundlePath, cacheKey);
    if (cached) {
        timings.total = Date.now() - t0;
        log.info(`cache hit: ${bundlePath} already holds ${image.Id} with the same configuration (${cached.bundleDigest})`);
        return resultFrom(bundlePath, cached, true, timings, cached.user.warnings);
    }
    await (0,promises_namespaceObject.mkdir)(outputDir, { recursive: true });
    // Asked now, answered while the filesystem is extracted.
    const versions = toolVersions(docker);
    await cleanLeftovers(outputDir, options.name, docker, log);
    const staging = external_node_path_default().join(outputDir, `.${options.name}.staging-${tempSuffix()}`);
    await (0,promises_namespaceObject.mkdir)(staging, { mode: 0o755 });
    options.onStaging?.(staging);
    let containerId;
    let visibleAfter = 0;
    try {
        const rootfs = external_node_path_default().join(staging, 'rootfs');
        await (0,promises_namespaceObject.mkdir)(rootfs, { mode: 0o755 });
        const createdSec = Math.floor(Date.parse(image.Created) / 1000) || 0;
        // The process's working directory must exist: runc cannot create it in a read-only rootfs (docker run would).
        const workingDir = overlay.cwd ?? (image.Config?.WorkingDir || undefined);
        const ensureDirs = workingDir ? [workingDir] : [];
        const onProgress = options.onProgress;
        const progressFor = (method) => onProgress && ((p) => onProgress({ ...p, phase: 'extract', method }));
        let method = 'export';
        const extracted = await log.group('Export and extract image filesystem', async () => {
            const t = Date.now();
            let res;
            const wanted = options.extract ?? 'auto';
            if (wanted !== 'export') {
                res = await extractFromLayers(image, rootfs, createdSec, ensureDirs, wanted === 'layers', log, signal, progressFor('layers'));
                if (res)
                    method = 'layers';
            }
            if (!res) {
                const label = `${BUILD_LABEL}=${external_node_os_default().hostname()}:${process.pid}:${tempSuffix()}`;
                containerId = await docker.createContainer(image.Id, label, options.platform, signal);
                options.onContainer?.(containerId);
                res = await exportInto(docker, containerId, rootfs, createdSec, signal, ensureDirs, progressFor('export'));
            }
            timings.extract = Date.now() - t;
            log.info(`image filesystem read with ${method === 'layers' ? 'the overlay2 layer fast path' : 'docker export'}`);
            log.info(`extracted ${res.files} files, ${res.dirs} directories, ${res.symlinks} symlinks, ${res.hardlinks} hard links, ` +
                `${res.bytes} bytes in ${(timings.extract / 1000).toFixed(2)} s`);
            if (res.skippedSpecial.length)
                log.warning(`skipped ${res.skippedSpecial.length} device nodes/FIFOs/sockets (not allowed in bundles): ${res.skippedSpecial
                    .slice(0, 5)
                    .map((s) => s.path)
                    .join(', ')}`);
            if (res.strippedSetid.length)
                log.warning(`removed setuid/setgid bits from ${res.strippedSetid.length} files: ${res.strippedSetid.slice(0, 5).join(', ')}`);
            return res;
        });
        if (containerId) {
            await docker.removeContainer(containerId);
            containerId = undefined;
        }
        const lock = await log.group('Write config.json and provenance', async () => {
            const t = Date.now();
            const imgCfg = image.Config ?? {};
            const user = await resolveImageUser(rootfs, imgCfg.User ?? '');
            if (user.uid !== 0 && uidMappings.length === 1 && me.uid !== 0) {
                warnings.push(`the image runs as uid ${user.uid} but ${me.name ?? me.uid} has no /etc/subuid range, so runc cannot map it; add a subuid/subgid range for this user (usermod --add-subuids) and rebuild`);
            }
            const base = rootlessBaseSpec(me.uid, me.gid);
            base.linux.uidMappings = uidMappings;
            base.linux.gidMappings = gidMappings;
            const spec = applyOverlay(applyImageConfig(base, {
                env: imgCfg.Env ?? [],
                entrypoint: imgCfg.Entrypoint ?? [],
                cmd: imgCfg.Cmd ?? [],
                workingDir: imgCfg.WorkingDir ?? '',
                user: imgCfg.User ?? '',
            }, user), overlay);
            const configText = serializeSpec(spec);
            const configSha = sha256(configText);
            await (0,promises_namespaceObject.writeFile)(external_node_path_default().join(staging, 'config.json'), configText, { mode: 0o644 });
            const digest = bundleDigest(configSha, extracted.treeDigest);
            await writeBundleId(rootfs, digest);
            const manifest = await writeManifest(staging, rootfs, extracted, log);
            visibleAfter = manifest.visibleAfterMs;
            const manifestSha256 = manifest.sha256;
            for (const w of warnings)
                log.warning(w);
            log.info(`config.json ${configSha} (process ${JSON.stringify(spec.process.args)} as uid ${spec.process.user.uid} in ${spec.process.cwd}); bundle digest ${digest}`);
            const lockData = {
                lockfileVersion: LOCKFILE_VERSION,
                name: options.name,
                bundleDigest: digest,
                image: { ref: options.image, id: image.Id, repoDigest, platform, created: image.Created },
                configSha256: configSha,
                rootfs: {
                    treeDigest: extracted.treeDigest,
                    files: extracted.files,
                    hardlinks: extracted.hardlinks,
                    dirs: extracted.dirs,
                    symlinks: extracted.symlinks,
                    bytes: extracted.bytes,
                    // Sorted: the two extraction paths walk in different orders.
                    skippedSpecial: [...extracted.skippedSpecial].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
                    strippedSetid: [...extracted.strippedSetid].sort(),
                    ...(manifestSha256 ? { manifestSha256 } : {}),
                },
                cacheKey,
                extraction: method,
                user: { uid: me.uid, gid: me.gid, subuid: uidMappings.length > 1, warnings },
                tools: { 'eda-oci': BUILDER_VERSION, node: process.version, ...(await versions) },
                created: new Date().toISOString(),
                ci: ciProvenance(env),
            };
            // No fsync here: the bundle becomes visible only through the rename of the whole staging directory.
            await (0,promises_namespaceObject.writeFile)(external_node_path_default().join(staging, LOCKFILE_NAME), `${JSON.stringify(lockData, null, 2)}\n`, { mode: 0o644 });
            timings.config = Date.now() - t;
            return lockData;
        });
        await log.group('Move bundle into place', async () => {
            const t = Date.now();
            // bundle.files promises that later changes show in ctime: nothing else may see the tree before visibleAfter.
            if (Date.now() < visibleAfter)
                await new Promise((r) => setTimeout(r, visibleAfter - Date.now()));
            if (signal?.aborted)
                throw new errors_CancelledError('build cancelled before the bundle was moved into place');
            await swapIntoPlace(staging, bundlePath, outputDir, options.name);
            timings.publish = Date.now() - t;
            log.info(`bundle ready at ${bundlePath}`);
        });
        timings.total = Date.now() - t0;
        return resultFrom(bundlePath, lock, false, timings, warnings);
    }
    catch (err) {
        await removeTree(staging).catch((e) => log.warning(`could not remove staging directory ${staging}: ${String(e)}`));
        if (signal?.aborted && !(err instanceof errors_CancelledError))
            throw new errors_CancelledError('build cancelled; staging directory and container removed', undefined, { cause: err });
        throw err;
    }
    finally {
        if (containerId)
            await docker
                .removeContainer(containerId)
                .catch((e) => log.warning(`could not remove container ${containerId}: ${String(e)}`));
    }
}
function resultFrom(bundlePath, lock, cacheHit, timingsMs, warnings) {
    return {
        bundlePath,
        imageId: lock.image.id,
        imageDigest: lock.image.repoDigest,
        bundleDigest: lock.bundleDigest,
        sizeBytes: lock.rootfs.bytes,
        fileCount: lock.rootfs.files,
        cacheHit,
        lock,
        timingsMs,
        warnings,
    };
}
async function resolveImage(docker, ref, pull, platform, log, signal) {
    const matches = (img) => !!img && (!platform || imagePlatform(img).startsWith(platform) || platform.startsWith(imagePlatform(img)));
    let img = pull === 'always' ? undefined : await docker.inspectImage(ref.raw, signal);
    if (matches(img))
        return img;
    if (pull === 'never') {
        const why = img ? `the local image is ${imagePlatform(img)}, not ${platform}` : 'the daemon does not have it';
        throw new errors_BundleError(`image '${ref.raw}' cannot be used with pull: never: ${why}`, 'pull or load the image first (docker pull / docker load), or set pull: missing');
    }
    if (ref.isId)
        throw new errors_BundleError(`image id '${ref.raw}' is not in the daemon at ${docker.describeHost()}`, 'image ids name local images only; use a registry reference to pull');
    log.info(`pulling ${ref.raw}${platform ? ` for ${platform}` : ''}`);
    await docker.pull(ref, platform, signal);
    img = await docker.inspectImage(ref.raw, signal);
    if (!img)
        throw new errors_BundleError(`image '${ref.raw}' is still missing after docker pull`, 'check the daemon and registry logs');
    if (!matches(img))
        throw new errors_BundleError(`image '${ref.raw}' is ${imagePlatform(img)}, not the requested ${platform}`, 'pick a multi-platform image or the matching platform');
    return img;
}
/** Returns the existing bundle's lock when it was built from the same inputs and is intact, else undefined. */
async function checkCache(bundlePath, cacheKey) {
    let lock;
    try {
        lock = await readLockfile(bundlePath);
    }
    catch {
        return undefined;
    }
    if (!lock || lock.cacheKey !== cacheKey)
        return undefined;
    try {
        const [config, id] = await Promise.all([
            (0,promises_namespaceObject.readFile)(external_node_path_default().join(bundlePath, 'config.json')),
            (0,promises_namespaceObject.readFile)(external_node_path_default().join(bundlePath, 'rootfs', BUNDLE_META_DIR, 'bundle-id'), 'utf8'),
        ]);
        if (sha256(config) !== lock.configSha256 || id.trim() !== lock.bundleDigest)
            return undefined;
    }
    catch {
        return undefined;
    }
    return lock;
}
/** The init-layer/whiteout-aware filter shared by both extraction paths (same tree either way). */
function exportFilter(createdSec) {
    return (e) => {
        if (e.path === '.dockerenv' || e.path === BUNDLE_META_DIR || e.path.startsWith(`${BUNDLE_META_DIR}/`))
            return false;
        // docker's init-layer paths carry the container's creation time: pin them to the image's for reproducible digests.
        if (INIT_LAYER_PATHS.has(e.path))
            e.mtime = createdSec;
        return true;
    };
}
/**
 * The fast path: extract from the daemon's overlay2 layer directories. Returns undefined (rootfs emptied again) when
 * they are not usable here, so the caller exports instead; with `required` that is an error.
 */
async function extractFromLayers(image, rootfs, createdSec, ensureDirs, required, log, signal, onProgress) {
    const layers = await readableLayerDirs(image);
    const why = !layers
        ? 'the storage driver is not overlay2 or its layer directories are not readable by this user'
        : layers.length > 1 && !(await haveGetfattr())
            ? 'the image has several layers and getfattr (Debian package attr) is not installed'
            : undefined;
    if (why) {
        if (required)
            throw new LayerReadError(why);
        log.info(`layer fast path not used: ${why}`);
        return undefined;
    }
    try {
        return await extractTar(layersArchive(layers, createdSec), rootfs, {
            signal,
            filter: exportFilter(createdSec),
            whiteouts: true,
            reuseBuffers: true,
            ensureDirs,
            ensureDirsMtime: createdSec,
            onProgress,
        });
    }
    catch (err) {
        // Only a failure to read the layers falls back; a full disk or a refused entry would fail the same way again.
        if (required || !(err instanceof LayerReadError) || signal?.aborted)
            throw err;
        log.info(`layer fast path not usable (${err.reason}); falling back to docker export`);
        await removeTree(rootfs);
        await (0,promises_namespaceObject.mkdir)(rootfs, { mode: 0o755 });
        return undefined;
    }
}
/** Streams `docker export` of the container into `rootfs`; docker's own failure wins over the extractor's. */
async function exportInto(docker, id, rootfs, createdSec, signal, ensureDirs, onProgress) {
    const exp = docker.exportContainer(id, signal);
    const extraction = extractTar(exp.stdout, rootfs, {
        signal,
        filter: exportFilter(createdSec),
        ensureDirs,
        ensureDirsMtime: createdSec,
        onProgress,
    });
    let result;
    try {
        result = await extraction;
    }
    catch (err) {
        // When the exporter's stream ended first (daemon died, export failed), its own error is the real cause: let it
        // finish for a moment and report that. Otherwise the extractor refused the stream: stop the exporter.
        if (exp.stdout.readableEnded) {
            const timer = setTimeout(() => exp.kill(), 5000);
            const exported = await exp.done.then(() => undefined, (e) => e);
            clearTimeout(timer);
            if (exported instanceof errors_CommandFailedError && exported.signal === null)
                throw exportFailure(exported, docker);
        }
        else {
            exp.kill();
            await exp.done.catch(() => undefined);
        }
        throw err;
    }
    try {
        await exp.done;
    }
    catch (err) {
        if (err instanceof errors_CommandFailedError)
            throw exportFailure(err, docker);
        throw err;
    }
    return result;
}
function exportFailure(err, docker) {
    const classified = docker.classify(err);
    if (classified !== err)
        return classified;
    return new errors_BundleError(`docker export failed: ${lastLine(err.stderr) || err.message}`, `the Docker daemon at ${docker.describeHost()} stopped or failed mid-export; check that it is running and retry`, { cause: err });
}
/** Writes rootfs/.eda-oci/bundle-id; the rootfs root may be read-only (mode 0555 from the image) for its owner. */
async function writeBundleId(rootfs, digest) {
    const st = await (0,promises_namespaceObject.stat)(rootfs);
    const mode = st.mode & 0o7777;
    if ((mode & 0o200) === 0)
        await (0,promises_namespaceObject.chmod)(rootfs, mode | 0o200);
    try {
        const meta = external_node_path_default().join(rootfs, BUNDLE_META_DIR);
        await (0,promises_namespaceObject.mkdir)(meta, { mode: 0o755 });
        await (0,promises_namespaceObject.writeFile)(external_node_path_default().join(meta, 'bundle-id'), `${digest}\n`, { mode: 0o644, flag: 'wx' });
    }
    finally {
        if ((mode & 0o200) === 0)
            await (0,promises_namespaceObject.chmod)(rootfs, mode);
        await (0,promises_namespaceObject.utimes)(rootfs, st.atime, st.mtime);
    }
}
/**
 * Writes bundle.files (inode, ctime and the extractor's content hash per path, read by one lstat each now that the tree
 * is final) and returns its sha256 for the lockfile, and the time before which the bundle must not become visible. It
 * must digest to the tree digest; if it does not (an mtime the file system rounds differently than the archive's), no
 * manifest is written and publishing hashes every file instead.
 */
async function writeManifest(staging, rootfs, extracted, log) {
    const manifest = manifestFromRecords(rootfs, extracted.records);
    if (summarizeManifest(manifest.entries).treeDigest !== extracted.treeDigest) {
        log.warning(`${MANIFEST_NAME} not written: the tree on disk does not digest like the archive (publishing will hash every file)`);
        return { visibleAfterMs: 0 };
    }
    const text = formatManifest(manifest);
    await (0,promises_namespaceObject.writeFile)(external_node_path_default().join(staging, MANIFEST_NAME), text, { mode: 0o644 });
    return { sha256: sha256(text), visibleAfterMs: Number(manifest.statted / 1000000n) + 1 };
}
/**
 * Moves the finished staging dir to `<outputDir>/<name>`. An existing bundle is first renamed aside (so the name never
 * holds a mixture), then removed. rename(2) within one directory is atomic.
 */
async function swapIntoPlace(staging, bundlePath, outputDir, name) {
    let old;
    try {
        await (0,promises_namespaceObject.lstat)(bundlePath);
        old = external_node_path_default().join(outputDir, `.${name}.old-${tempSuffix()}`);
        await (0,promises_namespaceObject.rename)(bundlePath, old);
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw err;
    }
    try {
        await (0,promises_namespaceObject.rename)(staging, bundlePath);
    }
    catch (err) {
        if (old)
            await (0,promises_namespaceObject.rename)(old, bundlePath).catch(() => undefined);
        throw err;
    }
    if (old)
        await removeTree(old);
}
/** Removes staging/old dirs and export containers left by builds on this host whose process is gone (SIGKILL, crash). */
async function cleanLeftovers(outputDir, name, docker, log) {
    const re = new RegExp(`^\\.${name.replace(/[.]/g, '\\.')}\\.(staging|old)-(\\d+)-[0-9a-f]+$`);
    for (const entry of await (0,promises_namespaceObject.readdir)(outputDir).catch(() => [])) {
        const m = re.exec(entry);
        if (m && !pidAlive(Number(m[2]))) {
            log.info(`removing leftover ${entry} of an interrupted build`);
            await removeTree(external_node_path_default().join(outputDir, entry)).catch(() => undefined);
        }
    }
    const host = external_node_os_default().hostname();
    for (const { id, value } of await docker.listContainersByLabel(BUILD_LABEL).catch(() => [])) {
        const [h, pid] = value.split(':');
        if (h === host && pid && !pidAlive(Number(pid))) {
            log.info(`removing leftover export container ${id.slice(0, 12)} of an interrupted build`);
            await docker.removeContainer(id).catch(() => undefined);
        }
    }
}
async function toolVersions(docker) {
    const v = await docker.versions().catch(() => ({ client: 'unknown', server: 'unknown' }));
    return { 'docker-client': v.client, 'docker-server': v.server };
}

;// CONCATENATED MODULE: ./packages/oci/src/runc/junit.ts
// JUnit XML report of a bundle test run (the format CI systems and test-report actions read).




/**
 * Escapes text for XML 1.0 content and attribute values. Characters XML 1.0 cannot carry at all (control characters
 * other than tab/newline/return, lone surrogates, U+FFFE/U+FFFF; not even as &#x..; references) become a visible
 * `\xNN` / `\uNNNN` so the file stays well-formed and the information is kept.
 */
function xmlEscape(text) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const ch = text[i];
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
            const next = text.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                out += ch + text[i + 1];
                i++;
                continue;
            }
        }
        if (ch === '&')
            out += '&amp;';
        else if (ch === '<')
            out += '&lt;';
        else if (ch === '>')
            out += '&gt;';
        else if (ch === '"')
            out += '&quot;';
        else if (ch === "'")
            out += '&apos;';
        else if (c === 0x09 || c === 0x0a || c === 0x0d)
            out += c === 0x0d ? '&#13;' : ch;
        else if (c < 0x20 || c === 0x7f)
            out += `\\x${c.toString(16).padStart(2, '0')}`;
        else if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff)
            out += `\\u${c.toString(16).padStart(4, '0')}`;
        else
            out += ch;
    }
    return out;
}
const secs = (ms) => (ms / 1000).toFixed(3);
/** Renders the JUnit XML document: one <testsuite>, one <testcase> per test with <failure>/<error> and outputs. */
function junitXml(suite) {
    const r = suite.results;
    const failures = r.filter((t) => t.status === 'failed').length;
    const errors = r.filter((t) => t.status === 'error').length;
    const time = secs(r.reduce((a, t) => a + t.durationMs, 0));
    const attrs = (o) => Object.entries(o)
        .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
        .join('');
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites${attrs({ name: 'test-bundle-runc', tests: r.length, failures, errors, time })}>`,
        `  <testsuite${attrs({
            name: suite.name,
            tests: r.length,
            failures,
            errors,
            skipped: 0,
            time,
            timestamp: suite.timestamp.toISOString().replace(/\.\d+Z$/, ''),
            hostname: external_node_os_default().hostname(),
        })}>`,
    ];
    const props = Object.entries(suite.properties ?? {});
    if (props.length) {
        lines.push('    <properties>');
        for (const [name, value] of props)
            lines.push(`      <property${attrs({ name, value })}/>`);
        lines.push('    </properties>');
    }
    for (const t of r) {
        lines.push(`    <testcase${attrs({ name: t.name, classname: suite.name, time: secs(t.durationMs) })}>`);
        if (t.status !== 'passed') {
            const tag = t.status === 'error' ? 'error' : 'failure';
            const type = t.timedOut ? 'timeout' : t.status === 'error' ? 'runc' : t.signal ? 'signal' : 'assertion';
            lines.push(`      <${tag}${attrs({ message: t.reason, type })}>${xmlEscape(`expected: ${t.expected}\nactual: ${t.actual}`)}</${tag}>`);
        }
        if (t.stdout)
            lines.push(`      <system-out>${xmlEscape(t.stdout)}</system-out>`);
        if (t.stderr)
            lines.push(`      <system-err>${xmlEscape(t.stderr)}</system-err>`);
        lines.push('    </testcase>');
    }
    lines.push('  </testsuite>', '</testsuites>', '');
    return lines.join('\n');
}
/** Writes the report atomically (temp file + rename), creating the parent directory; returns the absolute path. */
async function writeJUnitFile(file, suite) {
    const abs = external_node_path_default().resolve(file);
    await (0,promises_namespaceObject.mkdir)(external_node_path_default().dirname(abs), { recursive: true });
    const tmp = `${abs}.tmp-${tempSuffix()}`;
    await (0,promises_namespaceObject.writeFile)(tmp, junitXml(suite));
    await (0,promises_namespaceObject.rename)(tmp, abs);
    return abs;
}

;// CONCATENATED MODULE: ./packages/oci/src/runc/version.ts
// runc discovery and version policy: refuse runc builds with known container-breakout CVEs before running anything.




/**
 * The CVEs refused. CVE-2024-21626 ("Leaky Vessels"): runc before 1.1.12 leaked a host directory fd into the container
 * (process.cwd set to /proc/self/fd/N), a full container breakout. Distributions backported the fix into older
 * upstream versions without changing the upstream number, so those builds are accepted by their package version.
 * Sources: Debian's changelog of runc 1.1.5+ds1-1+deb12u1 (bookworm-security, 2024-02-02, "CVE-2024-21626: several
 * container breakouts due to internally leaked fds"); Ubuntu Security Notice USN-6619-1 (fixed package versions).
 */
const RUNC_CVES = [
    {
        id: 'CVE-2024-21626',
        summary: '"Leaky Vessels": container breakout through a file descriptor runc leaked into the container',
        fixedIn: [1, 1, 12],
        fixedDistroBuilds: [
            {
                distro: 'Debian 12 (bookworm)',
                pattern: /^1\.1\.5\+ds1-1\+deb12u(\d+)$/,
                minRevision: 1,
                firstFixed: '1.1.5+ds1-1+deb12u1',
                source: 'Debian changelog of runc 1.1.5+ds1-1+deb12u1',
            },
            {
                distro: 'Ubuntu 18.04 ESM',
                pattern: /^1\.1\.4-0ubuntu1~18\.04\.2\+esm(\d+)$/,
                minRevision: 1,
                firstFixed: '1.1.4-0ubuntu1~18.04.2+esm1',
                source: 'USN-6619-1',
            },
            {
                distro: 'Ubuntu 20.04',
                pattern: /^1\.1\.7-0ubuntu1~20\.04\.(\d+)$/,
                minRevision: 2,
                firstFixed: '1.1.7-0ubuntu1~20.04.2',
                source: 'USN-6619-1',
            },
            {
                distro: 'Ubuntu 22.04',
                pattern: /^1\.1\.7-0ubuntu1~22\.04\.(\d+)$/,
                minRevision: 2,
                firstFixed: '1.1.7-0ubuntu1~22.04.2',
                source: 'USN-6619-1',
            },
            {
                distro: 'Ubuntu 23.10',
                pattern: /^1\.1\.7-0ubuntu2\.(\d+)$/,
                minRevision: 2,
                firstFixed: '1.1.7-0ubuntu2.2',
                source: 'USN-6619-1',
            },
        ],
    },
];
/** Parses `runc --version` output; throws when there is no `runc version X` line. */
function parseRuncVersion(text) {
    const field = (re) => re.exec(text)?.[1]?.trim() || undefined;
    const version = field(/^runc version[ \t]+(\S+)/m);
    if (!version) {
        throw new errors_ConfigurationError(`cannot read the runc version: 'runc --version' printed ${JSON.stringify(text.trim().slice(0, 120))}`, 'point the runc setting at a real runc binary (e.g. /usr/sbin/runc)');
    }
    return { version, commit: field(/^commit:[ \t]*(\S+)/m), spec: field(/^spec:[ \t]*(\S+)/m) };
}
/** The upstream [major, minor, patch] and whether it is a pre-release (1.2.0-rc.1), or undefined if unreadable. */
function upstreamVersion(version) {
    const m = /^v?(\d+)\.(\d+)\.(\d+)(-rc[.\d]*)?/.exec(version);
    if (!m)
        return undefined;
    return { triple: [Number(m[1]), Number(m[2]), Number(m[3])], prerelease: m[4] !== undefined };
}
function compareTriple(a, b) {
    for (let i = 0; i < 3; i++)
        if (a[i] !== b[i])
            return a[i] - b[i];
    return 0;
}
/** Renders the version for messages: `1.1.5+ds1 (commit 1.1.5+ds1-1+deb12u1)`. */
function describeRuncVersion(v) {
    return v.commit && v.commit !== v.version ? `${v.version} (commit ${v.commit})` : v.version;
}
/**
 * Applies the policy: a version is accepted when, for every CVE in {@link RUNC_CVES}, its upstream version is at
 * least the fixed release, or its package version matches a known fixed distribution build. Everything else
 * (including an unreadable version) is refused.
 */
function evaluateRuncVersion(v, cves = RUNC_CVES) {
    const up = upstreamVersion(v.version);
    const accepted = [];
    const refused = [];
    const bad = [];
    for (const cve of cves) {
        const fixed = cve.fixedIn.join('.');
        if (up && (compareTriple(up.triple, cve.fixedIn) > 0 || (compareTriple(up.triple, cve.fixedIn) === 0 && !up.prerelease))) {
            accepted.push(`upstream ${up.triple.join('.')} >= ${fixed} (${cve.id} fixed)`);
            continue;
        }
        const candidates = [v.version, v.commit].filter((s) => Boolean(s));
        const build = cve.fixedDistroBuilds.find((b) => candidates.some((c) => {
            const m = b.pattern.exec(c);
            return m !== null && Number(m[1]) >= b.minRevision;
        }));
        if (build) {
            accepted.push(`${build.distro} build with the ${cve.id} fix backported (${build.firstFixed} or later, per ${build.source})`);
            continue;
        }
        bad.push(cve.id);
        refused.push(up
            ? `${cve.id} (${cve.summary}) is fixed in runc ${fixed}, and this is not a distribution build known to carry the fix`
            : `the version '${v.version}' is not a release number, so it cannot be shown to contain the ${cve.id} fix (runc ${fixed})`);
    }
    return bad.length ? { ok: false, cves: bad, reason: refused.join('; ') } : { ok: true, cves: [], reason: accepted.join('; ') };
}
/**
 * Finds the runc program: a value with a `/` is a path (must exist and be executable), a bare name is looked up in
 * PATH. A missing runc is one ConfigurationError naming what was tried and how to fix it.
 */
async function resolveRunc(runc, env = process.env, option = 'runc') {
    const fix = `install runc (Debian/Ubuntu: apt-get install runc) or set ${option} to the runc binary's path`;
    if (runc.includes('/')) {
        const abs = external_node_path_default().resolve(runc);
        if (await isExecutableFile(abs))
            return abs;
        throw new errors_ConfigurationError(`runc not found: '${abs}' does not exist or is not an executable file`, fix);
    }
    const dirs = (env.PATH ?? '').split(':').filter(Boolean);
    for (const d of dirs) {
        const candidate = external_node_path_default().resolve(d, runc);
        if (await isExecutableFile(candidate))
            return candidate;
    }
    throw new errors_ConfigurationError(`runc not found: no executable '${runc}' in PATH (${dirs.join(':') || 'empty'})`, fix);
}
async function isExecutableFile(p) {
    try {
        if (!(await (0,promises_namespaceObject.stat)(p)).isFile())
            return false;
        await (0,promises_namespaceObject.access)(p, external_node_fs_namespaceObject.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Warned about rather than refused: the November 2025 breakouts (masked-path /dev/null and /proc write redirection
 * races, exploitable by a malicious image or Dockerfile) are fixed only in runc 1.2.8 / 1.3.3 / 1.4.0, and no
 * Debian 12 or Ubuntu LTS backport was confirmed when this was written, so refusing them would stop every stock
 * runner. Sources: runc's v1.2.8 and v1.3.3 release notes (GHSA-9493-h29p-rfm2, GHSA-qw9x-cqr3-wc7r,
 * GHSA-cgrx-mc8f-2prm). Test only images you trust on such a runc.
 */
const RUNC_ADVISORIES = [
    {
        ids: ['CVE-2025-31133', 'CVE-2025-52565', 'CVE-2025-52881'],
        summary: 'container breakout through masked-path and /proc write races with a malicious image',
        fixedLines: [
            [1, 2, 8],
            [1, 3, 3],
            [1, 4, 0],
        ],
    },
];
/** One warning line per advisory the version is not shown to be fixed for (empty when none apply). */
function runcAdvisoryWarnings(v, advisories = RUNC_ADVISORIES) {
    const up = upstreamVersion(v.version);
    const out = [];
    for (const a of advisories) {
        const newest = a.fixedLines.reduce((x, y) => (compareTriple(x, y) >= 0 ? x : y));
        const fixed = up !== undefined &&
            (compareTriple(up.triple, newest) > 0 ||
                a.fixedLines.some((l) => l[0] === up.triple[0] && l[1] === up.triple[1] && compareTriple(up.triple, l) >= 0 && !up.prerelease));
        if (!fixed) {
            out.push(`runc ${describeRuncVersion(v)} is not shown to be fixed for ${a.ids.join(', ')} (${a.summary}; fixed in runc ` +
                `${a.fixedLines.map((l) => l.join('.')).join(' / ')}): test only images you trust, and upgrade runc when your distribution ships the fix`);
        }
    }
    return out;
}
/**
 * Resolves runc, runs `runc --version` once and applies {@link evaluateRuncVersion}. A refused version throws a
 * ConfigurationError naming the CVE, the version found and the fix, unless `allowVulnerable` (then it warns).
 */
async function checkRunc(runc, options = {}) {
    const log = options.logger ?? logger_silentLogger;
    const run = options.run ?? runCommand;
    const resolved = await resolveRunc(runc, options.env, options.runcHint);
    let out;
    try {
        out = (await run(resolved, ['--version'], { timeoutMs: 30_000, signal: options.signal, logger: log, quiet: true })).stdout;
    }
    catch (err) {
        if (err instanceof errors_CommandFailedError) {
            throw new errors_ConfigurationError(`'${resolved} --version' failed: ${err.message}`, `point ${options.runcHint ?? 'runc'} at a working runc binary`, { cause: err });
        }
        throw err;
    }
    const version = parseRuncVersion(out);
    const verdict = evaluateRuncVersion(version);
    const what = `runc ${describeRuncVersion(version)} at ${resolved}`;
    if (verdict.ok) {
        log.info(`${what}: accepted: ${verdict.reason}`);
    }
    else if (options.allowVulnerable) {
        log.warning(`${what} is vulnerable: ${verdict.reason}; running anyway because ${options.allowHint ?? 'allow-vulnerable-runc'} is set`);
    }
    else {
        throw new errors_ConfigurationError(`${what} is refused: ${verdict.reason}`, `upgrade runc to ${RUNC_CVES.map((c) => c.fixedIn.join('.')).join('/')} or later (or a distribution build with the fix), ` +
            `or set ${options.allowHint ?? 'allow-vulnerable-runc: true'} to run anyway`);
    }
    for (const w of runcAdvisoryWarnings(version))
        log.warning(w);
    return { path: resolved, version, verdict };
}

;// CONCATENATED MODULE: ./packages/oci/src/runc/run-tests.ts
// Runs a bundle's tests with runc: each test in its own container from a private temporary bundle whose config.json
// points at the original rootfs read-only, so the bundle itself is never modified.









/** Prefix of every container id eda-oci test runs create; {@link cleanupRoot} removes only these. */
const TEST_CONTAINER_PREFIX = 'eda-oci-test-';
const BUNDLE_HINT = 'point bundle at a directory with config.json and rootfs/ (the bundle-path output of build-oci-bundle)';
/** Checks that `bundle` is an OCI bundle (directory, valid config.json, existing rootfs) before anything runs. */
async function readBundle(bundle) {
    const abs = external_node_path_default().resolve(bundle);
    let st;
    try {
        st = await (0,promises_namespaceObject.stat)(abs);
    }
    catch (err) {
        const code = err.code;
        throw new errors_BundleError(`bundle '${abs}' ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, BUNDLE_HINT);
    }
    if (!st.isDirectory())
        throw new errors_BundleError(`bundle '${abs}' is not a directory`, BUNDLE_HINT);
    const real = await (0,promises_namespaceObject.realpath)(abs);
    const configFile = external_node_path_default().join(real, 'config.json');
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(configFile, 'utf8');
    }
    catch (err) {
        const code = err.code;
        throw new errors_BundleError(`'${abs}' is not an OCI bundle: ${code === 'ENOENT' ? 'it has no config.json' : `config.json cannot be read (${code})`}`, BUNDLE_HINT);
    }
    let config;
    try {
        config = JSON.parse(text);
    }
    catch (err) {
        throw new errors_BundleError(`${configFile} is not valid JSON: ${err.message}`, 'rebuild the bundle (build-oci-bundle)');
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
        throw new errors_BundleError(`${configFile} is not an OCI runtime config (not a JSON object)`, 'rebuild the bundle (build-oci-bundle)');
    }
    for (const [ok, what] of [
        [typeof config.process === 'object' && config.process !== null, 'process'],
        [typeof config.root?.path === 'string' && config.root.path !== '', 'root.path'],
    ]) {
        if (!ok)
            throw new errors_BundleError(`${configFile} has no ${what}`, 'rebuild the bundle (build-oci-bundle)');
    }
    const rootfs = external_node_path_default().resolve(real, config.root.path);
    let rst;
    try {
        rst = await (0,promises_namespaceObject.stat)(rootfs);
    }
    catch {
        throw new errors_BundleError(`the bundle's rootfs '${rootfs}' (root.path in config.json) does not exist`, 'rebuild the bundle, or fix root.path in config.json');
    }
    if (!rst.isDirectory())
        throw new errors_BundleError(`the bundle's rootfs '${rootfs}' is not a directory`, 'rebuild the bundle');
    try {
        await (0,promises_namespaceObject.access)(rootfs, external_node_fs_namespaceObject.constants.R_OK | external_node_fs_namespaceObject.constants.X_OK);
    }
    catch (err) {
        // runc would fail each test with a less clear "permission denied" from inside its init.
        throw new errors_BundleError(`the bundle's rootfs '${rootfs}' cannot be read by this user (${err.code})`, 'make the bundle readable to the user running the tests (e.g. chmod -R a+rX on it), or run the tests as its owner');
    }
    return { bundle: real, config, rootfs: await (0,promises_namespaceObject.realpath)(rootfs) };
}
/**
 * The user namespace a test runs in, for the user actually running it (not the one who built the bundle): container
 * root is the caller; with a /etc/subuid + /etc/subgid range, container ids 1..65536 map onto it (runc uses
 * newuidmap/newgidmap), which is what lets an image's non-root USER exist. As root (no range needed), container ids
 * 0..65535 are host ids 0..65535: inside a user namespace, ownership in a root-built bundle reads as it is on the
 * host, as with rootful docker without userns-remap.
 */
async function testMappings(ids, subuidFile = '/etc/subuid', subgidFile = '/etc/subgid') {
    if (ids.uid === 0) {
        return { uidMappings: idMappings(0, undefined), gidMappings: idMappings(ids.gid, undefined), description: 'root: identity 0..65535' };
    }
    // newuidmap/newgidmap check both files for the calling user's name or uid (not its group's).
    const [su, sg] = await Promise.all([readSubIdRange(subuidFile, ids.name, ids.uid), readSubIdRange(subgidFile, ids.name, ids.uid)]);
    const uidMappings = idMappings(ids.uid, su);
    const gidMappings = idMappings(ids.gid, sg);
    const desc = (m) => m.map((x) => `${x.containerID}->${x.hostID}${x.size > 1 ? `+${x.size}` : ''}`).join(', ');
    return { uidMappings, gidMappings, description: `uid ${desc(uidMappings)}; gid ${desc(gidMappings)}` };
}
const mapped = (maps, id) => maps.some((m) => id >= m.containerID && id < m.containerID + m.size);
/** Fails when the bundle's process user (or groups) would not exist in the caller's user namespace. */
function checkUserMapped(config, maps, ids) {
    const u = config.process.user ?? { uid: 0, gid: 0 };
    const who = `user ${ids.name ?? ids.uid} (uid ${ids.uid})`;
    const need = [
        ['uid', u.uid ?? 0, maps.uidMappings, '/etc/subuid'],
        ['gid', u.gid ?? 0, maps.gidMappings, '/etc/subgid'],
        ...(u.additionalGids ?? []).map((g) => ['additional gid', g, maps.gidMappings, '/etc/subgid']),
    ];
    for (const [kind, id, m, file] of need) {
        if (mapped(m, id))
            continue;
        const has = m.length > 1
            ? `only container ${kind}s 0..${m[1].containerID + m[1].size - 1} can be mapped`
            : `${file} has no range for it, so only container ${kind} 0 can be mapped`;
        throw new errors_ConfigurationError(`the bundle's process runs as ${kind} ${id} (process.user in config.json), but ${who} cannot map it: ${has}`, `add a range of 65536 ids for ${ids.name ?? ids.uid} to /etc/subuid and /etc/subgid (e.g. usermod --add-subuids 100000-165535 --add-subgids 100000-165535 ${ids.name ?? 'USER'}), or run the tests as a user that has one`);
    }
}
/**
 * The config.json of one test: the bundle's own config with root.path = the original rootfs (absolute, read-only),
 * terminal false (no "open /dev/tty" on runners), the test's args, the caller's id mappings in a fresh user namespace,
 * and relative bind-mount sources made absolute (they were relative to the original bundle directory).
 */
function testConfig(base, info, args, maps) {
    const spec = structuredClone(base);
    spec.root = { ...spec.root, path: info.rootfs, readonly: true };
    spec.process = { ...spec.process, terminal: false, args: [...args] };
    // A console size only makes sense with a terminal; runc rejects consoleSize without one in some versions.
    delete spec.process.consoleSize;
    spec.linux = { ...(spec.linux ?? { namespaces: [] }) };
    spec.linux.namespaces = [...(spec.linux.namespaces ?? []).filter((n) => n.type !== 'user'), { type: 'user' }];
    spec.linux.uidMappings = maps.uidMappings.map((m) => ({ ...m }));
    spec.linux.gidMappings = maps.gidMappings.map((m) => ({ ...m }));
    spec.mounts = (spec.mounts ?? []).map((m) => {
        const bind = m.type === 'bind' || (m.options ?? []).some((o) => o === 'bind' || o === 'rbind');
        return bind && m.source && !external_node_path_default().isAbsolute(m.source) ? { ...m, source: external_node_path_default().resolve(info.bundle, m.source) } : m;
    });
    return spec;
}
const ALL_EXIT_CODES = Array.from({ length: 256 }, (_, i) => i);
// Reversed with the first name winning: os.constants.signals lists aliases (SIGIOT, SIGPOLL) after the usual names.
const SIGNAL_NAMES = new Map(Object.entries((external_node_os_default()).constants.signals)
    .reverse()
    .map(([name, n]) => [n, name]));
const LOG_LINES_PER_STREAM = 2000;
/** `runc run` returns 128+N when the container process was killed by signal N (there is no other channel). */
function signalFromStatus(status) {
    if (status <= 128 || status > 128 + 64)
        return null;
    return SIGNAL_NAMES.get(status - 128) ?? `signal ${status - 128}`;
}
/** Lines of a runc `--log-format json` log at level error (runc's own failures, never the test's output). */
function runcLogErrors(text) {
    const out = [];
    for (const line of text.split('\n')) {
        if (!line.trim())
            continue;
        try {
            const e = JSON.parse(line);
            if ((e.level === 'error' || e.level === 'fatal') && e.msg)
                out.push(e.msg);
        }
        catch {
            // Not JSON: an older runc or a partial line; ignore.
        }
    }
    return out;
}
/** Shortened, quoted output for messages. */
function excerpt(s) {
    const t = s.length > 200 ? `...${s.slice(-200)}` : s;
    return JSON.stringify(t);
}
/** Applies a test's expectations to how it ended. */
function judge(test, e, stdout, stderr, runcErrors) {
    const expected = [
        `exit ${test.expectExit}`,
        test.expectStdout ? `stdout =~ /${test.expectStdout.source}/` : '',
        test.expectStderr ? `stderr =~ /${test.expectStderr.source}/` : '',
    ]
        .filter(Boolean)
        .join(', ');
    const base = { expected, stdout, stderr, durationMs: e.durationMs, timedOut: e.timedOut };
    if (e.timedOut) {
        const s = `timed out after ${test.timeoutSeconds} s`;
        return { ...base, status: 'failed', exitCode: null, signal: 'SIGKILL', actual: `${s} (killed)`, reason: s };
    }
    // runc itself failed: the result says so, not the test's expectations.
    const runcError = (why) => ({
        ...base,
        status: 'error',
        exitCode: null,
        signal: null,
        actual: `runc error: ${why}`,
        reason: `runc could not run the test: ${why}`,
    });
    if (e.runcFailure || !e.result)
        return runcError(e.runcFailure ?? 'runc did not run');
    const code = e.result.exitCode;
    if (code !== 0 && runcErrors.length > 0)
        return runcError(runcErrors.at(-1));
    const signal = signalFromStatus(code);
    const ended = signal ? `killed by ${signal}` : `exit ${code}`;
    const problems = [];
    const actual = [ended];
    if (code !== test.expectExit)
        problems.push(`${ended}, expected exit ${test.expectExit}`);
    if (test.expectStdout && !test.expectStdout.test(stdout)) {
        problems.push(`stdout does not match /${test.expectStdout.source}/`);
        actual.push(`stdout ${excerpt(stdout)}`);
    }
    if (test.expectStderr && !test.expectStderr.test(stderr)) {
        problems.push(`stderr does not match /${test.expectStderr.source}/`);
        actual.push(`stderr ${excerpt(stderr)}`);
    }
    return {
        ...base,
        status: problems.length ? 'failed' : 'passed',
        exitCode: signal ? null : code,
        signal,
        actual: actual.join(', '),
        reason: problems.join('; '),
    };
}
/** One line saying why a test did not pass: the reason, plus expected vs actual where they add something. */
function describeFailure(r) {
    if (r.status === 'passed')
        return '';
    if (r.status === 'error' || r.timedOut)
        return r.reason;
    return `${r.reason} (expected ${r.expected}; got ${r.actual})`;
}
/**
 * Force-deletes (SIGKILL, then state removal) every test container left in the runc state directory `root` (a cancelled or
 * killed run), i.e. the ids `runc list` shows plus any state directory, filtered by `prefix`. Idempotent: a missing
 * root or an empty one is fine. Returns the ids removed.
 */
async function cleanupRoot(root, options = {}) {
    const run = options.run ?? runCommand;
    const log = options.logger ?? logger_silentLogger;
    const runc = options.runc ?? 'runc';
    const prefix = options.prefix ?? TEST_CONTAINER_PREFIX;
    let entries;
    try {
        entries = (await (0,promises_namespaceObject.readdir)(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return [];
        throw err;
    }
    // Every container runc knows has a state directory named after its id: none means nothing to do (no runc call).
    if (!entries.some((e) => e.startsWith(prefix)))
        return [];
    const listed = await run(runc, ['--root', root, 'list', '-q'], { timeoutMs: 30_000, logger: log, quiet: true, signal: options.signal });
    const ids = [...new Set([...listed.stdout.split('\n').map((l) => l.trim()), ...entries])].filter((id) => id && id.startsWith(prefix));
    for (const id of ids)
        await removeContainer(run, runc, root, id, log, options.signal);
    return ids;
}
/** `runc delete --force ID`: kills (SIGKILL) the container if it still runs and removes its state; a gone one is fine. */
async function removeContainer(run, runc, root, id, log, signal) {
    const del = await run(runc, ['--root', root, 'delete', '--force', id], {
        timeoutMs: 30_000,
        logger: log,
        quiet: true,
        okExitCodes: [0, 1],
        signal,
    });
    if (del.exitCode !== 0 && !/does not exist/.test(del.stderr)) {
        log.warning(`could not delete container ${id} in ${root}: ${del.stderr.trim()}`);
    }
    else
        log.info(`removed container ${id} from ${root}`);
}
const run_tests_sleep = (ms) => new Promise((r) => setTimeout(r, ms).unref());
/**
 * Runs `tests` against `bundle` with runc, one container per test, and reports each result. Checks first (before
 * any side effect): the bundle, runc's presence and version policy, the caller's id mappings. Never modifies the
 * bundle. A test that exceeds its timeout is killed and deleted, and the next test runs. Cancellation (`signal`) kills
 * and deletes the running container, removes the temporary bundles and throws CancelledError.
 */
async function runBundleTests(options, deps = {}) {
    const log = deps.logger ?? logger_silentLogger;
    const run = deps.run ?? runCommand;
    const signal = options.signal;
    const startedAt = new Date();
    const t0 = Date.now();
    if (options.tests.length === 0)
        throw new errors_ConfigurationError('there are no tests to run', 'give tests (a YAML list) or run (one command)');
    const idPrefix = options.idPrefix ?? `${TEST_CONTAINER_PREFIX}${tempSuffix()}`;
    if (!idPrefix.startsWith(TEST_CONTAINER_PREFIX) || !/^[\w.+-]+$/.test(idPrefix)) {
        throw new errors_ConfigurationError(`container id prefix '${idPrefix}' must start with ${TEST_CONTAINER_PREFIX} and use letters, digits, . _ + -`);
    }
    const given = options.root === undefined ? undefined : external_node_path_default().resolve(options.root);
    const info = await readBundle(options.bundle);
    const ids = deps.user ?? { uid: process.getuid(), gid: process.getgid(), name: safeUserName() };
    const maps = await testMappings(ids, deps.subuidFile, deps.subgidFile);
    checkUserMapped(info.config, maps, ids);
    const runc = await checkRunc(options.runc ?? 'runc', {
        allowVulnerable: options.allowVulnerableRunc,
        allowHint: options.hints?.allowVulnerable,
        runcHint: options.hints?.runc,
        env: deps.env,
        signal,
        logger: log,
        run,
    });
    log.info(`bundle ${info.bundle}: rootfs ${info.rootfs} (read-only); ${options.tests.length} test(s); ids ${maps.description}`);
    if (given)
        await ensureRoot(given);
    const root = given ?? (await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'eda-oci-runc-')));
    log.debug(`runc state directory ${root}`);
    const tmp = await makeTempDir(root).catch(async (err) => {
        if (!given)
            await (0,promises_namespaceObject.rmdir)(root).catch(() => undefined);
        throw err;
    });
    options.onTempDir?.(tmp);
    const results = [];
    try {
        for (const [i, test] of options.tests.entries()) {
            if (signal?.aborted)
                throw new errors_CancelledError(`bundle tests cancelled before test '${test.name}'`);
            const id = `${idPrefix}-${i + 1}`;
            const result = await log.group(`test: ${test.name}`, async () => {
                const r = await runOne(test, id, i, { info, maps, tmp, root, runc: runc.path, run, log, signal, max: options.maxOutputBytes });
                log.info(r.status === 'passed'
                    ? `PASS ${test.name} (${(r.durationMs / 1000).toFixed(2)} s)`
                    : `${r.status === 'error' ? 'ERROR' : 'FAIL'} ${test.name}: ${describeFailure(r)}`);
                return r;
            });
            results.push(result);
        }
        // runc run removes a container whose process ended; anything still here was left by a kill that raced.
        const left = (await (0,promises_namespaceObject.readdir)(root).catch(() => [])).filter((n) => n.startsWith(`${idPrefix}-`));
        if (left.length)
            await cleanupRoot(root, { runc: runc.path, prefix: `${idPrefix}-`, logger: log, run });
    }
    finally {
        await removeTree(tmp).catch((err) => log.warning(`could not remove temporary bundles ${tmp}: ${err.message}`));
        if (!given) {
            // A cancelled run already removed its container; this catches one whose removal raced with the signal.
            await cleanupRoot(root, { runc: runc.path, prefix: `${idPrefix}-`, logger: log, run }).catch(() => undefined);
            await (0,promises_namespaceObject.rmdir)(root).catch(() => undefined);
        }
    }
    const passed = results.filter((r) => r.status === 'passed').length;
    return {
        bundle: info.bundle,
        rootfs: info.rootfs,
        runc,
        root,
        results,
        passed,
        failed: results.length - passed,
        total: results.length,
        startedAt,
        durationMs: Date.now() - t0,
    };
}
function safeUserName() {
    try {
        return external_node_os_default().userInfo().username;
    }
    catch {
        return undefined;
    }
}
/** Creates the runc root (0700) when missing and checks that this user can write it. */
async function ensureRoot(root) {
    try {
        await (0,promises_namespaceObject.mkdir)(root, { recursive: true, mode: 0o700 });
        if (!(await (0,promises_namespaceObject.lstat)(root)).isDirectory())
            throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
        await (0,promises_namespaceObject.access)(root, external_node_fs_namespaceObject.constants.W_OK | external_node_fs_namespaceObject.constants.X_OK);
    }
    catch (err) {
        throw new errors_ConfigurationError(`runc root '${root}' cannot be used: ${err.code ?? err.message}`, 'set root to a directory this user can create or write (runc keeps container state there)');
    }
}
/** A private (0700) directory for the per-test bundles: next to the runc root when possible, else in the OS temp dir. */
async function makeTempDir(root) {
    try {
        return await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join(external_node_path_default().dirname(root), '.eda-oci-test-bundles-'));
    }
    catch {
        return (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'eda-oci-test-bundles-'));
    }
}
/** Runs one test's container and judges it; on timeout or cancellation kills and deletes the container. */
async function runOne(test, id, index, c) {
    const dir = external_node_path_default().join(c.tmp, String(index + 1));
    await (0,promises_namespaceObject.mkdir)(dir);
    await (0,promises_namespaceObject.writeFile)(external_node_path_default().join(dir, 'config.json'), JSON.stringify(testConfig(c.info.config, c.info, test.args, c.maps)));
    const logFile = external_node_path_default().join(dir, 'runc.log');
    const args = ['--root', c.root, '--log', logFile, '--log-format', 'json', 'run', '--bundle', dir, id];
    c.log.debug(`test args: ${run_command_formatCommand(test.args[0], test.args.slice(1))}`);
    // `runc run` forwards SIGTERM/SIGINT to the container's init, which (as PID 1) ignores signals it has no handler for,
    // so the container is stopped with `runc kill ID KILL`; only if runc run still does not end is it killed itself.
    const hardStop = new AbortController();
    let timedOut = false;
    let cancelled = false;
    let exited = false;
    const shown = { out: 0, err: 0 };
    const line = (kind, l) => {
        if (++shown[kind] <= LOG_LINES_PER_STREAM)
            c.log.info(kind === 'err' ? `[stderr] ${l}` : l);
        else if (shown[kind] === LOG_LINES_PER_STREAM + 1)
            c.log.info(`[further ${kind === 'err' ? 'stderr' : 'stdout'} not shown in the log]`);
    };
    const started = Date.now();
    const running = c.run(c.runc, args, {
        okExitCodes: ALL_EXIT_CODES,
        maxOutputBytes: c.max ?? 1024 * 1024,
        signal: hardStop.signal,
        logger: c.log,
        onStdoutLine: (l) => line('out', l),
        onStderrLine: (l) => line('err', l),
    });
    const ended = running.then(() => undefined, () => undefined);
    void ended.then(() => (exited = true));
    let stopping;
    const stop = () => (stopping ??= (async () => {
        for (let attempt = 0; attempt < 5 && !exited; attempt++) {
            await c
                .run(c.runc, ['--root', c.root, 'kill', id, 'KILL'], { timeoutMs: 10_000, logger: c.log, quiet: true, okExitCodes: [0, 1] })
                .catch(() => undefined);
            await Promise.race([ended, run_tests_sleep(1000)]);
        }
        if (!exited)
            hardStop.abort();
    })());
    const timer = setTimeout(() => {
        timedOut = true;
        c.log.info(`test '${test.name}' exceeded ${test.timeoutSeconds} s: killing container ${id}`);
        void stop();
    }, test.timeoutSeconds * 1000);
    const onAbort = () => {
        cancelled = true;
        void stop();
    };
    c.signal?.addEventListener('abort', onAbort, { once: true });
    if (c.signal?.aborted)
        onAbort();
    const ending = { timedOut: false, durationMs: 0 };
    try {
        ending.result = await running;
    }
    catch (err) {
        if (err instanceof errors_CancelledError)
            ending.runcFailure = 'runc run did not end after runc kill and was killed';
        else if (err instanceof errors_CommandFailedError)
            ending.runcFailure = err.message;
        else
            throw err;
    }
    finally {
        clearTimeout(timer);
        c.signal?.removeEventListener('abort', onAbort);
    }
    if (stopping)
        await stopping;
    ending.durationMs = Date.now() - started;
    ending.timedOut = timedOut && !cancelled;
    if (timedOut || cancelled || ending.runcFailure) {
        await removeContainer(c.run, c.runc, c.root, id, c.log);
    }
    if (cancelled)
        throw new errors_CancelledError(`bundle tests cancelled during test '${test.name}'; its container ${id} was killed and deleted`);
    const runcErrors = ending.result && ending.result.exitCode !== 0 ? runcLogErrors(await (0,promises_namespaceObject.readFile)(logFile, 'utf8').catch(() => '')) : [];
    let stderr = ending.result?.stderr ?? '';
    // runc also prints its final error on stderr (after logging it): keep that out of the test's own stderr.
    for (const msg of runcErrors)
        stderr = stderr.replace(`${msg}\n`, '');
    const verdict = judge(test, ending, ending.result?.stdout ?? '', stderr, runcErrors);
    return { name: test.name, containerId: id, ...verdict };
}

;// CONCATENATED MODULE: ./packages/oci/src/runc/tests.ts
// The bundle test specification (the `tests` YAML of test-bundle-runc, `eda-oci test --tests FILE`): schema and parser.

/** The keys a test may have, in the order the docs list them. */
const TEST_KEYS = ['name', 'run', 'args', 'expect-exit', 'expect-stdout', 'expect-stderr', 'timeout-seconds'];
/** Longest accepted timeout: one day. */
const MAX_TIMEOUT_SECONDS = 86_400;
const EXAMPLE = 'e.g. - { name: version, run: "tool --version", expect-stdout: "^tool 1\\\\." }';
/**
 * Parses the YAML text of a test list. A syntax error names the line; a bad test names the test and the key.
 * `where` says where the text came from (`input 'tests'`, a file path).
 */
function parseTestSpec(text, where, defaults) {
    if (text.trim() === '')
        return validateTests(undefined, where, defaults);
    return validateTests(parseYamlText(text, where), where, defaults);
}
/** Validates an already parsed test list (see {@link parseTestSpec}). */
function validateTests(value, where, defaults) {
    if (!Array.isArray(value) || value.length === 0) {
        throw new errors_ConfigurationError(`${where} must be a non-empty YAML list of tests, got ${value === null || value === undefined ? 'nothing' : Array.isArray(value) ? 'an empty list' : `a ${typeof value}`}`, EXAMPLE);
    }
    const seen = new Set();
    return value.map((item, i) => {
        const t = validateTest(item, `${where}: test #${i + 1}`, defaults);
        if (seen.has(t.name))
            throw new errors_ConfigurationError(`${where}: test name '${t.name}' is used twice`, 'give every test a unique name');
        seen.add(t.name);
        return t;
    });
}
/** The single test of the `run` shorthand: `/bin/sh -c COMMAND`, named after the command. */
function testFromRun(command, defaults) {
    if (command.trim() === '' || command.includes('\0')) {
        throw new errors_ConfigurationError(`run must be a non-empty shell command without NUL bytes`, 'e.g. run: tool --version');
    }
    const oneLine = command.trim().replace(/\s+/g, ' ');
    return {
        name: oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine,
        args: ['/bin/sh', '-c', command],
        expectExit: 0,
        timeoutSeconds: defaults.timeoutSeconds,
    };
}
function validateTest(item, at, defaults) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new errors_ConfigurationError(`${at} must be a mapping with name and run (or args)`, EXAMPLE);
    }
    const t = item;
    if (typeof t.name !== 'string' || t.name.trim() === '' || /[\0\n\r]/.test(t.name)) {
        throw new errors_ConfigurationError(`${at} needs a name: a non-empty one-line string`, EXAMPLE);
    }
    const name = t.name.trim();
    const here = `${at.replace(/#\d+$/, '')}'${name}'`;
    for (const k of Object.keys(t)) {
        if (!TEST_KEYS.includes(k)) {
            throw new errors_ConfigurationError(`${here} has an unknown key '${k}'`, `allowed keys: ${TEST_KEYS.join(', ')}`);
        }
    }
    if ((t.run === undefined) === (t.args === undefined)) {
        throw new errors_ConfigurationError(`${here} must have exactly one of run (a shell command) or args (a list), it has ${t.run === undefined ? 'neither' : 'both'}`, 'use run: "cmd arg" for /bin/sh -c, or args: [cmd, arg] to run a program directly');
    }
    let args;
    if (t.run !== undefined) {
        if (typeof t.run !== 'string' || t.run.trim() === '' || t.run.includes('\0')) {
            throw new errors_ConfigurationError(`${here}: run must be a non-empty string`, 'e.g. run: tool --version');
        }
        args = ['/bin/sh', '-c', t.run];
    }
    else {
        const a = t.args;
        if (!Array.isArray(a) ||
            a.length === 0 ||
            !a.every((x) => (typeof x === 'string' || typeof x === 'number') && !String(x).includes('\0')) ||
            String(a[0]) === '') {
            throw new errors_ConfigurationError(`${here}: args must be a non-empty list of strings`, 'e.g. args: [/opt/tool/bin/tool, --version]');
        }
        args = a.map(String);
    }
    const expectExit = integer(t['expect-exit'], 0, 0, 255, `${here}: expect-exit`);
    const timeoutSeconds = integer(t['timeout-seconds'], defaults.timeoutSeconds, 1, MAX_TIMEOUT_SECONDS, `${here}: timeout-seconds`);
    return {
        name,
        args,
        expectExit,
        expectStdout: regex(t['expect-stdout'], `${here}: expect-stdout`),
        expectStderr: regex(t['expect-stderr'], `${here}: expect-stderr`),
        timeoutSeconds,
    };
}
function integer(v, fallback, min, max, what) {
    if (v === undefined || v === null)
        return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
        throw new errors_ConfigurationError(`${what} is ${JSON.stringify(v)}, which is not a whole number from ${min} to ${max}`, 'set a number in that range');
    }
    return v;
}
/**
 * Expected-output patterns are JavaScript regular expressions, searched anywhere in the output with the `m` flag
 * (^ and $ match at line ends). They are compiled here so a typo fails before any test runs.
 */
function regex(v, what) {
    if (v === undefined || v === null)
        return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') {
        throw new errors_ConfigurationError(`${what} must be a regular expression string`, 'quote it, e.g. expect-stdout: "^ok$"');
    }
    try {
        return new RegExp(String(v), 'm');
    }
    catch (err) {
        throw new errors_ConfigurationError(`${what} is not a valid regular expression: ${err.message}`, 'fix the pattern (JavaScript syntax)');
    }
}

;// CONCATENATED MODULE: ./packages/oci/src/runc/index.ts
// Public surface of the runc test runner: version policy, test spec, running tests, JUnit report.





;// CONCATENATED MODULE: ./packages/oci/src/index.ts
// Public surface of @eda-oci/oci: image -> bundle, runtime-spec generation, safe extraction, lockfile.











;// CONCATENATED MODULE: ./packages/cli/src/progress.ts
// One self-updating progress line on stderr for long steps (extraction, publish), drawn only on a terminal.

// Carriage return, then the text, then "erase to end of line" (ECMA-48 EL), so a shorter text leaves no rest.
const CLEAR_LINE = '\x1b[K';
/**
 * A single line on `stream` that each update overwrites (`\r` + text + erase-to-end-of-line), ended with a newline by
 * {@link ProgressLine.done}. Every update draws: the library's progress callbacks are already rate-limited
 * (ProgressTicker), and the smoke run's cell events are few and each one changes the counts. Everything is a no-op
 * unless the stream is a TTY: a log file or a pipe gets no progress at all (no `\r` noise in CI logs).
 */
class ProgressLine {
    stream;
    enabled;
    shown = false;
    constructor(stream, options = {}) {
        this.stream = stream;
        this.enabled = options.enabled ?? stream.isTTY === true;
    }
    /** Shows `text` in place of the line's current text. */
    update(text) {
        if (!this.enabled)
            return;
        this.draw(text);
    }
    /** Erases the line if it is shown, so other output (a log line) starts at column 0; the next update redraws it. */
    clear() {
        if (!this.enabled || !this.shown)
            return;
        this.stream.write(`\r${CLEAR_LINE}`);
        this.shown = false;
    }
    /** Ends the line: draws `text` (always, when given) and a newline; afterwards the line is not shown. */
    done(text) {
        if (!this.enabled)
            return;
        if (text !== undefined)
            this.draw(text);
        if (this.shown)
            this.stream.write('\n');
        this.shown = false;
    }
    draw(text) {
        // A line longer than the terminal wraps, and `\r` then returns only to the start of its last row.
        const width = this.stream.columns;
        const fitted = width && width > 1 && text.length >= width ? `${text.slice(0, width - 2)}…` : text;
        this.stream.write(`\r${fitted}${CLEAR_LINE}`);
        this.shown = true;
    }
}
/** A logger whose every line first erases the progress line, so log output and progress do not share a row. */
function withProgress(logger, line) {
    if (!line.enabled)
        return logger;
    return {
        debug: (m) => (line.clear(), logger.debug(m)),
        info: (m) => (line.clear(), logger.info(m)),
        warning: (m) => (line.clear(), logger.warning(m)),
        error: (m) => (line.clear(), logger.error(m)),
        group: (title, fn) => (line.clear(), logger.group(title, fn)),
    };
}
const count = (n) => n.toLocaleString('en-US');
/** The progress text of an extraction (eda-oci build). */
function extractText(p) {
    const how = p.method === 'layers' ? 'from the overlay2 layers' : 'from docker export';
    return `${p.done ? 'extracted' : 'extracting'} ${how}: ${count(p.entries)} entries, ${formatBytes(p.bytes)}`;
}
/** The progress text of a publish's write phase (eda-oci publish). */
function publishText(p) {
    const files = p.filesLinked + p.filesCopied;
    const pct = p.filesTotal ? ` (${Math.floor((100 * files) / p.filesTotal)}%)` : '';
    return (`${p.done ? 'written' : 'writing'}: ${count(files)} of ${count(p.filesTotal)} files${pct}, ` +
        `${count(p.filesLinked)} hard-linked, ${count(p.filesCopied)} copied (${formatBytes(p.bytesCopied)})`);
}

;// CONCATENATED MODULE: ./packages/cli/src/commands/build.ts
// `eda-oci build`: image -> OCI bundle, the same library call as actions/build-oci-bundle.





const HELP = `Usage: eda-oci build --image REF --name NAME [options]

Turns an image into an OCI bundle at OUTPUT-DIR/NAME; the bundle appears only when complete.

Options:
  --image REF         image reference (registry[:port]/repo[:tag][@sha256:...]) or local id sha256:...  (required)
  --name NAME         bundle name: letters, digits, ., _, -  (required)
  --output-dir DIR    where the bundle goes (default: $EDA_OCI_OUTPUT_DIR or ./oci-bundles)
  --pull POLICY       missing (default) | always | never
  --platform P        e.g. linux/amd64
  --config YAML       YAML/JSON merged into config.json: env, cwd, args, hostname, mounts, annotations
  --docker-host H     daemon address (default: DOCKER_HOST or the default socket)
  --extract M         auto (default): read the daemon's overlay2 layers directly when readable, else docker export;
                      export | layers force one (both give the same bundle)
  --json              print the outputs (and timings-ms per phase) as one JSON object on stdout
  -v, --verbose       debug logging
  -h, --help          this help

Output: key=value lines on stdout: bundle-path, image-id, image-digest, bundle-digest, size-bytes, file-count,
cache-hit (with --json one object with these keys and timings-ms). Log lines go to stderr; on a terminal (stderr a
TTY) also one updating progress line while the image filesystem is extracted (also with --json: stdout keeps only
the JSON object).

Exit codes: 0 the bundle is built (or was already, cache-hit=true), 1 the build failed, 2 usage error,
130 cancelled (SIGINT/SIGTERM; the staging directory and the export container are removed).`;
const OPTIONS = {
    image: { type: 'string' },
    name: { type: 'string' },
    'output-dir': { type: 'string' },
    pull: { type: 'string' },
    platform: { type: 'string' },
    config: { type: 'string' },
    'docker-host': { type: 'string' },
    extract: { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
};
const buildCommand = {
    name: 'build',
    summary: 'image -> OCI bundle (rootfs + config.json + bundle.lock.json)',
    options: OPTIONS,
    help: HELP,
    async run(args, { out, signal }) {
        const v = parseCommandLine('build', args, OPTIONS, HELP, out);
        if (!v)
            return EXIT.ok;
        if (!v.image)
            throw usageError('build', '--image is required');
        if (!v.name)
            throw usageError('build', '--name is required');
        const host = v['docker-host'] ? validateDockerHost(v['docker-host']) : undefined;
        const progress = new ProgressLine(process.stderr);
        const logger = withProgress(createConsoleLogger({ verbose: v.verbose }), progress);
        const docker = new DockerClient({ host, logger });
        const result = await buildBundle({
            image: v.image,
            name: v.name,
            outputDir: v['output-dir'] ?? process.env.EDA_OCI_OUTPUT_DIR ?? 'oci-bundles',
            pull: (v.pull ?? 'missing'),
            platform: v.platform,
            config: parseConfigOverlay(v.config),
            extract: parseExtractMethod(v.extract ?? process.env.EDA_OCI_EXTRACT, v.extract !== undefined ? '--extract' : 'EDA_OCI_EXTRACT'),
            signal,
            onProgress: (p) => (p.done ? progress.done(extractText(p)) : progress.update(extractText(p))),
        }, { docker, logger }).finally(() => progress.done());
        const outputs = {
            'bundle-path': result.bundlePath,
            'image-id': result.imageId,
            'image-digest': result.imageDigest,
            'bundle-digest': result.bundleDigest,
            'size-bytes': result.sizeBytes,
            'file-count': result.fileCount,
            'cache-hit': result.cacheHit,
        };
        if (v.json)
            out.write(`${JSON.stringify({ ...outputs, 'timings-ms': result.timingsMs })}\n`);
        else
            for (const [k, val] of Object.entries(outputs))
                out.write(`${k}=${String(val)}\n`);
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/doctor.ts
// `eda-oci doctor`: the rootless Docker prerequisite checks of actions/setup-rootless-docker, as a table.


const doctor_HELP = `Usage: eda-oci doctor [--data-root DIR] [--json]

Checks what rootless Docker needs for the current user (what setup-rootless-docker checks before it starts the
daemon) and prints one row per check; each failed check names the exact fix. Changes nothing.

Checks: not root; /etc/subuid and /etc/subgid ranges of >= 65536; newuidmap/newgidmap setuid root; user namespaces
enabled; /dev/net/tun usable; XDG_RUNTIME_DIR (or the private dir used instead); data-root on a local file system and
writable; daemon.json valid; dockerd-rootless.sh, dockerd, rootlesskit, slirp4netns and the docker CLI present.

Options:
  --data-root DIR   Docker storage directory to check (default /var/tmp/$USER/containers/storage, the action's default)
  --json            print {"ok": ..., "checks": [{name, ok, detail, fix}, ...]} on stdout
  -h, --help        this help

Output: one row per check on stdout (check, ok or FAILED, detail, fix) and a last line 'all checks passed' or
'N check(s) failed' (with --json one object {ok, checks}).

Exit codes: 0 all checks pass, 1 a check failed (or an error), 2 usage error, 130 cancelled.`;
const doctor_OPTIONS = {
    'data-root': { type: 'string' },
};
const doctorCommand = {
    name: 'doctor',
    summary: 'check the rootless Docker prerequisites of the current user (what setup-rootless-docker needs)',
    options: doctor_OPTIONS,
    help: doctor_HELP,
    async run(args, { out }) {
        const v = parseCommandLine('doctor', args, doctor_OPTIONS, doctor_HELP, out);
        if (!v)
            return EXIT.ok;
        const report = await checks_runChecks({ dataRoot: v['data-root'] });
        if (v.json)
            out.write(`${JSON.stringify({ ok: report.ok, checks: report.rows })}\n`);
        else {
            out.write(`${formatCheckTable(report.rows)}\n`);
            const failed = report.rows.filter((r) => !r.ok).length;
            out.write(failed ? `${failed} check(s) failed\n` : 'all checks passed\n');
        }
        return report.ok ? EXIT.ok : EXIT.failed;
    },
};

;// CONCATENATED MODULE: ./packages/store/src/layout.ts
// Where the store keeps things under a bundles dir (DESIGN.md section 3), version names, temp names, and the
// permission checks that keep other users from replacing what is published.






/** The store's directory inside a bundles dir. */
const STORE_DIR = '.eda-oci';
/** Per-version metadata written by publish (JSON), inside the version directory. */
const PUBLISH_META = 'publish.json';
/** Per-version manifest of the published tree (bundle.files format, store-side inodes and modes). */
const PUBLISH_FILES = 'publish.files';
/** Append-only record of which version became current when, `.eda-oci/<name>/history`. */
const HISTORY_FILE = 'history';
/** `YYYYMMDDTHHMMSSZ-<12 hex of the bundle digest>`. */
const VERSION_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-([0-9a-f]{12})$/;
/** The store paths for `name` under an absolute `bundlesDir`. */
function storePaths(bundlesDir, name) {
    const storeDir = external_node_path_default().join(bundlesDir, STORE_DIR);
    const nameDir = external_node_path_default().join(storeDir, name);
    return {
        bundlesDir,
        name,
        link: external_node_path_default().join(bundlesDir, name),
        storeDir,
        nameDir,
        lockDir: external_node_path_default().join(nameDir, '.lock'),
        historyFile: external_node_path_default().join(nameDir, HISTORY_FILE),
    };
}
/** The version name for a bundle digest published at `when`. */
function versionName(digest, when = new Date()) {
    const hex = digest.replace(/^sha256:/, '').slice(0, 12);
    if (!/^[0-9a-f]{12}$/.test(hex))
        throw new Error(`not a sha256 digest: ${digest}`);
    const iso = when.toISOString(); // 2026-11-30T01:02:03.456Z
    return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z-${hex}`;
}
/** The creation time encoded in a version name, or undefined when `name` is not a version name. */
function versionTime(version) {
    const m = VERSION_RE.exec(version);
    if (!m)
        return undefined;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
    return Number.isNaN(t) ? undefined : new Date(t);
}
/** The symlink target for a version: relative, so the bundles dir may be mounted anywhere. */
function linkTarget(name, version) {
    return `${STORE_DIR}/${name}/${version}`;
}
/** The version a `<bundles-dir>/<name>` symlink target names, or undefined when it is not one of ours. */
function versionFromTarget(name, target) {
    const prefix = `${STORE_DIR}/${name}/`;
    if (!target.startsWith(prefix))
        return undefined;
    const v = target.slice(prefix.length).replace(/\/+$/, '');
    return VERSION_RE.test(v) ? v : undefined;
}
/** This host's name as used in temp names (characters outside [A-Za-z0-9._] replaced). */
function hostTag() {
    return external_node_os_default().hostname().replace(/[^A-Za-z0-9._]/g, '_') || 'unknown';
}
/** `.staging-<host>-<pid>-<rand>`: a publish in progress; never pointed at. */
function stagingName() {
    return `.staging-${hostTag()}-${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
}
/** Host and pid of a temp name made by {@link stagingName} or {@link swapName}. */
function parseTempOwner(entry) {
    const m = /^(?:\.staging|\..+\.swap)-([A-Za-z0-9._]+)-(\d+)-[0-9a-f]{8}$/.exec(entry);
    if (!m)
        return undefined;
    return { kind: entry.startsWith('.staging-') ? 'staging' : 'swap', host: m[1], pid: Number(m[2]) };
}
/** The temporary symlink in the bundles dir that rename(2) moves over `<name>`. */
function swapName(name) {
    return `.${name}.swap-${hostTag()}-${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
}
/** `.trash-<version>-<rand>`: a version being deleted (renamed first, so it vanishes from the listing at once). */
function trashName(version) {
    return `.trash-${version}-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`;
}
/** Validates a bundles-dir value (before any side effect) and returns it absolute. */
function validateBundlesDir(dir, what = 'bundles-dir') {
    if (!dir || dir.includes('\0'))
        throw new errors_ConfigurationError(`${what} is empty`, `set ${what} to the shared directory that holds the bundles`);
    if (dir.startsWith('-'))
        throw new errors_ConfigurationError(`${what} '${dir}' starts with '-'`, 'use an absolute path');
    return external_node_path_default().resolve(dir);
}
/** Validates `keep` (versions kept by retention, at least 1). */
function validateKeep(keep, what = 'keep') {
    if (!Number.isInteger(keep) || keep < 1 || keep > 10_000)
        throw new errors_ConfigurationError(`${what} is '${keep}', which is not a whole number from 1 to 10000`, `set ${what} to e.g. 5`);
    return keep;
}

function userName(uid) {
    try {
        const me = external_node_os_default().userInfo();
        if (me.uid === uid)
            return me.username;
    }
    catch {
        // no passwd entry
    }
    return `uid ${uid}`;
}
/**
 * Refuses a bundles dir that would let other users replace published bundles: one that is not a directory, is owned
 * by another user, or is writable by every user without the sticky bit. Returns its stat.
 */
async function checkBundlesDir(dir, uid) {
    let st;
    try {
        st = await (0,promises_namespaceObject.stat)(dir);
    }
    catch (err) {
        const code = err.code;
        throw new errors_ConfigurationError(`bundles-dir '${dir}' cannot be used (${code === 'ENOENT' ? 'it does not exist' : code})`, `create it as the publishing user (mkdir -p ${dir}) or fix the path`);
    }
    if (!st.isDirectory())
        throw new errors_ConfigurationError(`bundles-dir '${dir}' is not a directory`, 'point bundles-dir at a directory');
    const mode = st.mode & 0o7777;
    if (st.uid !== uid) {
        throw new errors_ConfigurationError(`bundles-dir '${dir}' is owned by uid ${st.uid}, not by the publishing user ${userName(uid)} (uid ${uid}), so its owner could replace what is published`, `publish as its owner, or as root run: chown ${uid} ${dir}`);
    }
    if (mode & 0o002 && !(mode & 0o1000)) {
        throw new errors_ConfigurationError(`bundles-dir '${dir}' is writable by every user (mode ${mode.toString(8).padStart(4, '0')}) without the sticky bit, so anyone could replace published bundles`, `run: chmod o-w ${dir}   (or chmod +t ${dir} if other users must create entries there)`);
    }
}
/**
 * Checks a store directory we may create or reuse (`.eda-oci`, `.eda-oci/<name>`): when it exists it must be a real
 * directory of ours that no group or other user can write (in a sticky world-writable bundles dir another user could
 * have created it first). Returns false when it does not exist.
 */
async function checkStoreDir(dir, uid) {
    let st;
    try {
        st = await (0,promises_namespaceObject.lstat)(dir);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return false;
        throw err;
    }
    const fix = `remove or fix it as its owner (it must be a directory of uid ${uid} without group/other write permission)`;
    if (!st.isDirectory())
        throw new errors_ConfigurationError(`store directory '${dir}' is not a directory`, fix);
    if (st.uid !== uid)
        throw new errors_ConfigurationError(`store directory '${dir}' is owned by uid ${st.uid}, not ${uid}`, fix);
    if (st.mode & 0o022)
        throw new errors_ConfigurationError(`store directory '${dir}' is writable by group or others (mode ${(st.mode & 0o7777).toString(8)})`, fix);
    return true;
}

;// CONCATENATED MODULE: ./packages/store/src/versions.ts
// Versions of one bundle name: which exist, which is current (the `<name>` symlink), which was current before
// (the history file), each version's publish.json, and the atomic swap of the symlink.






/** Reads `<bundles-dir>/<name>`. */
async function readCurrent(p) {
    let st;
    try {
        st = await (0,promises_namespaceObject.lstat)(p.link);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return { kind: 'missing' };
        throw err;
    }
    if (st.isDirectory())
        return { kind: 'directory' };
    if (!st.isSymbolicLink())
        return { kind: 'other', detail: 'a file' };
    const target = await (0,promises_namespaceObject.readlink)(p.link);
    const version = versionFromTarget(p.name, target);
    if (!version)
        return { kind: 'other', detail: `a symlink to ${target}` };
    return { kind: 'version', version, target };
}
/** The one-time migration of an in-place bundle directory to the store layout, as exact commands. */
function migrationCommands(p) {
    const aside = `${p.link}.pre-eda-oci`;
    return (`${p.link} is a real directory (an in-place bundle from before the store); no atomic switch from a directory to a ` +
        `symlink exists (on NFS either), so migrate once while no job starts it: mv ${p.link} ${aside} && ` +
        `eda-oci publish --bundle ${aside} --bundles-dir ${p.bundlesDir} --name ${p.name}` +
        ` (it must have a bundle.lock.json; or rebuild it with build-oci-bundle and publish that), then remove ${aside}`);
}
/** Fails unless `<name>` is missing or one of our symlinks; returns the current version, if any. */
async function currentVersion(p) {
    const cur = await readCurrent(p);
    if (cur.kind === 'missing')
        return undefined;
    if (cur.kind === 'version')
        return cur.version;
    if (cur.kind === 'directory')
        throw new errors_ConfigurationError(migrationCommands(p));
    throw new errors_ConfigurationError(`${p.link} is ${cur.detail}, not a symlink into ${STORE_DIR}/${p.name}/ managed by eda-oci`, `move it away (mv ${p.link} ${p.link}.old) or choose another name`);
}
/** Version directories of the name, oldest first (names sort by time). */
async function listVersionNames(p) {
    let names;
    try {
        names = await (0,promises_namespaceObject.readdir)(p.nameDir);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return [];
        throw err;
    }
    return names.filter((n) => VERSION_RE.test(n)).sort();
}
/** Reads a version's publish.files; undefined when missing or not parseable. */
async function readPublishFiles(versionDir) {
    try {
        return parseManifest(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(versionDir, PUBLISH_FILES), 'utf8'));
    }
    catch {
        return undefined;
    }
}
/** Reads a version's publish.json; undefined when missing or unreadable. */
async function readPublishMeta(versionDir) {
    try {
        const m = JSON.parse(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(versionDir, PUBLISH_META), 'utf8'));
        return m.formatVersion === 1 && typeof m.bundleDigest === 'string' ? m : undefined;
    }
    catch {
        return undefined;
    }
}
/** The CI run this process belongs to (from the environment), for the history; undefined outside CI. */
function historyRunFromEnv(env = process.env) {
    const ci = ciProvenance(env);
    if (!ci?.runId)
        return undefined;
    return { runId: ci.runId, attempt: ci.runAttempt || undefined, repository: ci.repository || undefined };
}
// The run is the history line's optional 5th field, `run=ID;attempt=N;repo=OWNER/NAME` (older lines have 4 fields).
const FIELD_SAFE = /^[^\t\n;=]*$/;
function formatRun(r) {
    if (!r || !FIELD_SAFE.test(r.runId))
        return '';
    const parts = [`run=${r.runId}`];
    if (r.attempt && FIELD_SAFE.test(r.attempt))
        parts.push(`attempt=${r.attempt}`);
    if (r.repository && FIELD_SAFE.test(r.repository))
        parts.push(`repo=${r.repository}`);
    return `\t${parts.join(';')}`;
}
function parseRun(field) {
    if (!field)
        return undefined;
    const kv = new Map(field.split(';').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
    const runId = kv.get('run');
    if (!runId)
        return undefined;
    return { runId, attempt: kv.get('attempt') || undefined, repository: kv.get('repo') || undefined };
}
/** Reads the history (oldest first); malformed lines are skipped. */
async function readHistory(p) {
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(p.historyFile, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return [];
        throw err;
    }
    const out = [];
    for (const line of text.split('\n')) {
        const [time, version, op, by, run] = line.split('\t');
        if (time && version && VERSION_RE.test(version) && (op === 'publish' || op === 'rollback' || op === 'repoint')) {
            const r = parseRun(run);
            out.push(r ? { time, version, op, by: by ?? '', run: r } : { time, version, op, by: by ?? '' });
        }
    }
    return out;
}
const HISTORY_KEEP = 1000;
/**
 * Appends to the history (rewritten through a temp file and rename, under the store lock). An entry without `run`
 * gets the CI run of this process (GITHUB_RUN_ID...), so every switch made in CI says which run made it.
 */
async function appendHistory(p, entry, env = process.env) {
    const run = entry.run ?? historyRunFromEnv(env);
    const lines = (await readHistory(p)).slice(-(HISTORY_KEEP - 1)).concat(run ? { ...entry, run } : entry);
    const tmp = external_node_path_default().join(p.nameDir, `.history.${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`);
    await (0,promises_namespaceObject.writeFile)(tmp, lines.map((e) => `${e.time}\t${e.version}\t${e.op}\t${e.by}${formatRun(e.run)}\n`).join(''), { mode: 0o644 });
    await (0,promises_namespaceObject.rename)(tmp, p.historyFile);
}
/**
 * The version the current one replaced: the latest history entry that is not the current version and still exists
 * (the history is written after the swap, so after a crash in between its last entry is exactly that); else the
 * current version's publish.json `previous`.
 */
function previousVersion(history, current, existing, metaPrevious) {
    for (let i = history.length - 1; i >= 0; i--) {
        const v = history[i].version;
        if (v !== current && existing.has(v))
            return v;
    }
    return metaPrevious && metaPrevious !== current && existing.has(metaPrevious) ? metaPrevious : undefined;
}
/**
 * Points `<bundles-dir>/<name>` at `version`: a new symlink under a temporary name, then rename(2) over the old one,
 * which replaces it atomically (readers see the old or the new target, never nothing; `ln -sfn` unlinks first).
 */
async function swapLink(p, version) {
    const tmp = external_node_path_default().join(p.bundlesDir, swapName(p.name));
    await (0,promises_namespaceObject.symlink)(linkTarget(p.name, version), tmp);
    try {
        await (0,promises_namespaceObject.rename)(tmp, p.link);
    }
    catch (err) {
        await (0,promises_namespaceObject.unlink)(tmp).catch(() => undefined);
        const code = err.code;
        if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST')
            throw new errors_ConfigurationError(migrationCommands(p));
        throw new errors_BundleError(`could not switch ${p.link} to version ${version} (${code})`, 'check the bundles dir permissions', {
            cause: err,
        });
    }
}
/** The creation time of a version (from its name), ms since the epoch; 0 when unknown. */
function versionCreatedMs(version) {
    return versionTime(version)?.getTime() ?? 0;
}
/**
 * Decides whether `current` was made current by the publish (or re-point) of CI run `want.runId` (and repository, when
 * both sides know it). The history's last line is the authority: it is written right after each switch, so it says
 * who switched last; a rollback since then (by a person or another run) means the run's publish is no longer what is
 * current. Lines from before runs were recorded (no run field), or a history that lost its last line, fall back to the
 * current version's publish.json `ci`.
 */
function checkPublishedByRun(history, current, meta, want) {
    if (!current)
        return { ok: false, reason: 'no version is current' };
    const last = history[history.length - 1];
    const runText = (r) => `run ${r.runId}${r.repository ? ` of ${r.repository}` : ''}`;
    if (last?.version === current && last.op === 'rollback')
        return {
            ok: false,
            reason: last.run
                ? `current version ${current} was made current by a rollback (${runText(last.run)}), not by a publish of run ${want.runId}`
                : `current version ${current} was made current by a rollback (${last.by || 'unknown user'}), not by run ${want.runId}`,
        };
    // Who published (or re-pointed) it: the history's last line when it names a run, else publish.json.
    const ci = meta?.ci;
    const by = last?.version === current && last.run ? last.run : ci?.runId ? { runId: ci.runId, repository: ci.repository } : undefined;
    if (!by)
        return { ok: false, reason: `current version ${current} records no CI run (published outside CI?), so not by run ${want.runId}` };
    if (by.runId === want.runId && (!want.repository || !by.repository || by.repository === want.repository))
        return { ok: true, reason: `current version ${current} was published by ${runText(by)}` };
    return { ok: false, reason: `current version ${current} was published by ${runText(by)}, not by run ${want.runId}` };
}

;// CONCATENATED MODULE: ./packages/store/src/gc.ts
// Retention: which versions may be deleted, and deleting them (rename to a trash name first, so a version disappears
// from the store in one step; then the slow removal). Protected, whatever `keep` says: the current version, the
// previous one (rollback target), versions that stopped being current less than a grace period ago (NFS clients
// may still resolve the old symlink for a while), and versions a queued or running Slurm job uses.





/**
 * How long before a job's start a version must still have been current to count as possibly used by a job that
 * names `<bundles-dir>/<name>`: NFS clients cache symlinks (acdirmax, 60 s by default), so a job may start on the
 * version that was current shortly before.
 */
const LINK_CACHE_SLACK_MS = 120_000;
/** When each version stopped being current (from the history), ms. */
function retiredAt(history) {
    const out = new Map();
    for (let i = 1; i < history.length; i++) {
        const prev = history[i - 1].version;
        if (prev !== history[i].version)
            out.set(prev, Date.parse(history[i].time));
    }
    return out;
}
/** Decides which versions to delete. Pure: the caller gathers the inputs. */
function selectVictims(g) {
    const newestFirst = [...new Set(g.versions)].sort().reverse();
    const retired = retiredAt(g.history);
    const plan = { delete: [], keep: [] };
    newestFirst.forEach((v, i) => {
        const reasons = [];
        if (v === g.current)
            reasons.push('current');
        if (v === g.previous)
            reasons.push('previous');
        if (i < g.keep)
            reasons.push('within-keep');
        // Age counts from when the version stopped being current, else from its creation.
        const since = Math.max(versionCreatedMs(v), retired.get(v) ?? 0);
        if (g.nowMs - since < g.graceMs)
            reasons.push('grace');
        if (g.inUse.has(v))
            reasons.push('in-use');
        if (reasons.length)
            plan.keep.push({ version: v, reasons });
        else
            plan.delete.push(v);
    });
    return plan;
}
/**
 * Maps Slurm's container paths onto versions of this name. A job that names a version directory (or a path inside
 * it) uses that version. A job that names `<bundles-dir>/<name>` uses whatever was current when it started: every
 * version current at some time since its start (minus {@link LINK_CACHE_SLACK_MS}); a pending one will use the
 * current version. When that cannot be told (no start time, no history, a relative path without work dir), every
 * version counts as used.
 */
function versionsInUse(uses, p, versions, history, current, nowMs, 
/** Other spellings of the bundles dir (its realpath, other mount points). */
aliases = []) {
    const out = new Set();
    const dirs = [p.bundlesDir, ...aliases].map((d) => external_node_path_default().normalize(d));
    const all = () => new Set(versions);
    for (const u of uses) {
        if (u.container.startsWith('?'))
            return all();
        for (const d of dirs) {
            const link = external_node_path_default().join(d, p.name);
            const nameDir = external_node_path_default().join(d, STORE_DIR, p.name);
            if (u.container === link || u.container.startsWith(`${link}/`)) {
                if (!u.startTime) {
                    if (/PENDING|CONFIGURING/.test(u.state) && current)
                        out.add(current);
                    else
                        return all();
                    continue;
                }
                if (!history.length)
                    return all();
                const from = u.startTime.getTime() - LINK_CACHE_SLACK_MS;
                for (let i = 0; i < history.length; i++) {
                    const until = i + 1 < history.length ? Date.parse(history[i + 1].time) : nowMs;
                    if (until >= from)
                        out.add(history[i].version);
                }
                if (current)
                    out.add(current);
            }
            else if (u.container.startsWith(`${nameDir}/`)) {
                out.add(u.container.slice(nameDir.length + 1).split('/')[0]);
            }
        }
    }
    return out;
}
/** Deletes versions: each is renamed to `.trash-<version>-<rand>` (gone from listings at once), then removed. */
async function deleteVersions(p, victims) {
    for (const v of victims) {
        const trash = external_node_path_default().join(p.nameDir, trashName(v));
        await (0,promises_namespaceObject.rename)(external_node_path_default().join(p.nameDir, v), trash);
        await removeTree(trash);
    }
}

;// CONCATENATED MODULE: ./packages/store/src/link-index.ts
// A version's publish.files as the source of hard-link candidates for the next version, read without building an
// object per line: the new bundle's paths are looked up in ascending order by a merge join over the (equally sorted)
// lines, and by content only for the few paths whose record differs. Every candidate is vetted by lstat before it is
// linked (tree.ts), so a damaged line can only cost a link, never put a wrong file into a version.




/** Lookups into one version's publish.files; see the module comment. */
class LinkIndex {
    lines;
    cursor;
    byContent;
    constructor(lines) {
        this.lines = lines;
        this.cursor = 4;
    }
    /** The index of a publish.files text; undefined when it does not start like one (then nothing is linked). */
    static fromText(text) {
        const lines = text.split('\n');
        if (lines[0] !== MANIFEST_MAGIC || !lines[1]?.startsWith('root\t') || !lines[2]?.startsWith('statted\t') || lines[3] !== '')
            return undefined;
        if (lines[lines.length - 1] === '')
            lines.pop();
        return new LinkIndex(lines);
    }
    /** Reads `<versionDir>/publish.files`; undefined when it is missing or not one. */
    static async read(versionDir) {
        try {
            return LinkIndex.fromText(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(versionDir, PUBLISH_FILES), 'utf8'));
        }
        catch {
            return undefined;
        }
    }
    /**
     * The record of `p`. Calls must come in ascending path order (the manifest's): the cursor only moves forward. Where
     * JavaScript's string order and the files' byte order disagree (only around astral characters) a path is missed,
     * which costs a copy, not correctness.
     */
    atPath(p) {
        const lines = this.lines;
        while (this.cursor < lines.length) {
            const line = lines[this.cursor];
            const tab = line.indexOf('\t');
            const lp = tab < 0 ? undefined : unescapeManifestField(line.slice(0, tab));
            if (lp === undefined || lp < p) {
                this.cursor++;
                continue;
            }
            if (lp !== p)
                return undefined;
            this.cursor++;
            return record(line);
        }
        return undefined;
    }
    /** Records of regular files with exactly this content, mode and mtime, at any path (files that moved). */
    filesLike(content, mode, mtimeNs) {
        if (!this.byContent) {
            const map = new Map();
            const lines = this.lines;
            const tabs = [0, 0, 0, 0, 0, 0];
            for (let i = 4; i < lines.length; i++) {
                const line = lines[i];
                // path \t type \t mode \t size \t mtime \t content \t ino \t ctime: the first six tabs
                let a = -1;
                let k = 0;
                for (; k < 6; k++) {
                    a = line.indexOf('\t', a + 1);
                    if (a < 0)
                        break;
                    tabs[k] = a;
                }
                if (k < 6 || line.charCodeAt(tabs[0] + 1) !== 0x66 /* f */)
                    continue;
                const key = `${line.slice(tabs[4] + 1, tabs[5])}\0${line.slice(tabs[1] + 1, tabs[2])}\0${line.slice(tabs[3] + 1, tabs[4])}`;
                const list = map.get(key);
                if (list)
                    list.push(i);
                else
                    map.set(key, [i]);
            }
            this.byContent = map;
        }
        const out = [];
        for (const i of this.byContent.get(`${content}\0${mode.toString(8)}\0${mtimeNs}`) ?? []) {
            const r = record(this.lines[i]);
            // A path of this version: never a way out of it.
            if (r?.type === 'f' && isManifestPath(r.path))
                out.push(r);
        }
        return out;
    }
}
/** The record of a line, its fields unchecked (a damaged one fails the lstat vetting: it costs a link, no more). */
function record(line) {
    const e = parseManifestLine(line, false);
    return typeof e === 'string' ? undefined : e;
}

;// CONCATENATED MODULE: ./packages/store/src/lock.ts
// The per-name store lock: a directory created with mkdir(2), which is atomic on NFS (unlike flock/fcntl locks, which
// NFS clients emulate unreliably and which die silently with the lock daemon). The owner is described in owner.json;
// the holder touches the lock directory's mtime as a heartbeat; a lock without heartbeat for its lifetime, or held by
// a dead process on this host, is taken over. Safety does not rest on timing alone: the holder re-reads owner.json
// right before it swaps the published symlink and gives up when its token is no longer there.






/** The lock could not be taken in time. */
class LockTimeoutError extends errors_EdaOciError {
    name = 'LockTimeoutError';
}
/** Default lifetime of a lock without heartbeat. */
const DEFAULT_LOCK_LIFETIME_SECONDS = 60;
const OWNER_FILE = 'owner.json';
function defaultSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(new errors_CancelledError('cancelled while waiting for the store lock'));
        const t = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(t);
            reject(new errors_CancelledError('cancelled while waiting for the store lock'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** Reads owner.json of a lock directory; undefined when missing or unreadable (being written, or a crash). */
async function readLockOwner(lockDir) {
    try {
        const o = JSON.parse(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(lockDir, OWNER_FILE), 'utf8'));
        return typeof o.token === 'string' && typeof o.pid === 'number' ? o : undefined;
    }
    catch {
        return undefined;
    }
}
/** Why a lock held by `owner` (heartbeat at `heartbeatMs`) may be taken over, or undefined when it is live. */
function staleReason(owner, heartbeatMs, nowMs, host = external_node_os_default().hostname()) {
    const lifetime = (owner?.lifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS) * 1000;
    if (owner && owner.host === host && !pidAlive(owner.pid))
        return `its holder (pid ${owner.pid} on this host) is gone`;
    if (nowMs - heartbeatMs > lifetime)
        return `it had no heartbeat for ${Math.round((nowMs - heartbeatMs) / 1000)} s (lifetime ${lifetime / 1000} s)`;
    return undefined;
}
/** A held store lock. */
class StoreLock {
    dir;
    owner;
    now;
    timer;
    released = false;
    constructor(dir, owner, now) {
        this.dir = dir;
        this.owner = owner;
        this.now = now;
    }
    /** Starts touching the lock directory every lifetime/4 so waiters see it is alive. */
    startHeartbeat() {
        const every = Math.max(250, (this.owner.lifetimeSeconds * 1000) / 4);
        this.timer = setInterval(() => {
            const t = new Date(this.now());
            // Touching a lock that another process took over (after we missed our lifetime) only keeps theirs fresh.
            (0,promises_namespaceObject.utimes)(this.dir, t, t).catch(() => undefined);
        }, every);
        this.timer.unref();
    }
    /** True when owner.json still carries our token (nobody took the lock over). */
    async stillHeld() {
        const o = await readLockOwner(this.dir);
        return o?.token === this.owner.token;
    }
    /** Releases the lock if it is still ours; idempotent. */
    async release() {
        if (this.released)
            return;
        this.released = true;
        if (this.timer)
            clearInterval(this.timer);
        if (!(await this.stillHeld()))
            return;
        // Renaming first makes the release one atomic step for waiters (no ownerless lock dir in between).
        const gone = external_node_path_default().join(external_node_path_default().dirname(this.dir), `.lock.released-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`);
        try {
            await (0,promises_namespaceObject.rename)(this.dir, gone);
        }
        catch {
            return;
        }
        const o = await readLockOwner(gone);
        if (o && o.token !== this.owner.token) {
            // Taken over between the check and the rename: put it back for its holder.
            await (0,promises_namespaceObject.rename)(gone, this.dir).catch(() => undefined);
            return;
        }
        await removeTree(gone).catch(() => undefined);
    }
}
/**
 * Takes the lock at `lockDir` (whose parent must exist), waiting with backoff up to `timeoutSeconds`. A stale lock is
 * renamed aside, checked to still be the stale one seen (else put back), and removed.
 */
async function acquireLock(lockDir, o) {
    const now = o.now ?? Date.now;
    const sleep = o.sleep ?? defaultSleep;
    const log = o.logger ?? logger_silentLogger;
    const lifetimeSeconds = o.lifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS;
    const start = now();
    const deadline = start + o.timeoutSeconds * 1000;
    let delay = 25;
    let lastToken = '';
    // A lock dir without owner.json (holder between mkdir and write, or crashed there): time it by our own clock.
    let ownerlessSince;
    for (;;) {
        if (o.signal?.aborted)
            throw new errors_CancelledError('cancelled while waiting for the store lock');
        const owner = {
            host: external_node_os_default().hostname(),
            pid: process.pid,
            user: external_node_os_default().userInfo().username,
            token: (0,external_node_crypto_namespaceObject.randomBytes)(16).toString('hex'),
            created: new Date(now()).toISOString(),
            lifetimeSeconds,
        };
        try {
            await (0,promises_namespaceObject.mkdir)(lockDir, { mode: 0o755 });
            try {
                const tmp = external_node_path_default().join(lockDir, `.${OWNER_FILE}.${owner.token}`);
                await (0,promises_namespaceObject.writeFile)(tmp, `${JSON.stringify(owner)}\n`, { mode: 0o644 });
                await (0,promises_namespaceObject.rename)(tmp, external_node_path_default().join(lockDir, OWNER_FILE));
                const t = new Date(now());
                await (0,promises_namespaceObject.utimes)(lockDir, t, t);
            }
            catch (err) {
                await (0,promises_namespaceObject.rm)(lockDir, { recursive: true, force: true }).catch(() => undefined);
                throw err;
            }
            const lock = new StoreLock(lockDir, owner, now);
            lock.startHeartbeat();
            return lock;
        }
        catch (err) {
            if (err.code !== 'EEXIST')
                throw err;
        }
        const held = await readLockOwner(lockDir);
        let heartbeat;
        try {
            heartbeat = (await (0,promises_namespaceObject.stat)(lockDir)).mtimeMs;
        }
        catch {
            continue; // released meanwhile: try again at once
        }
        if (!held)
            ownerlessSince ??= now();
        else
            ownerlessSince = undefined;
        const why = held
            ? staleReason(held, heartbeat, now())
            : now() - ownerlessSince > lifetimeSeconds * 1000
                ? `it has no owner.json since ${Math.round((now() - ownerlessSince) / 1000)} s`
                : undefined;
        if (why) {
            log.warning(`taking over the lock of ${o.what}: ${why}${held ? ` (was ${describeOwner(held, heartbeat, now())})` : ''}`);
            await takeOver(lockDir, held?.token);
            ownerlessSince = undefined;
            continue;
        }
        if (held?.token !== lastToken) {
            lastToken = held?.token;
            o.onWait?.(held);
            log.info(`waiting for the lock of ${o.what}: ${held ? describeOwner(held, heartbeat, now()) : 'being taken'}`);
        }
        if (now() >= deadline) {
            const waited = Math.round((now() - start) / 1000);
            throw new LockTimeoutError(`${o.what} is locked by ${held ? describeOwner(held, heartbeat, now()) : 'a publisher that has not written its owner.json yet'}; waited ${waited} s`, `let that publish finish and retry, or raise lock-timeout-seconds; if that process is gone the lock expires ${held?.lifetimeSeconds ?? lifetimeSeconds} s after its last heartbeat (or remove ${lockDir} after checking)`);
        }
        const jitter = Math.random() * delay * 0.5;
        await sleep(Math.min(delay + jitter, Math.max(0, deadline - now())), o.signal);
        delay = Math.min(1000, delay * 1.5);
    }
}
function describeOwner(h, heartbeatMs, nowMs) {
    const age = Math.max(0, Math.round((nowMs - Date.parse(h.created)) / 1000));
    const beat = Math.max(0, Math.round((nowMs - heartbeatMs) / 1000));
    return `${h.user} (pid ${h.pid} on ${h.host}) since ${age} s, last heartbeat ${beat} s ago`;
}
/** Moves a stale lock aside; if what was moved is not the lock judged stale, puts it back. */
async function takeOver(lockDir, staleToken) {
    const aside = external_node_path_default().join(external_node_path_default().dirname(lockDir), `.lock.stale-${(0,external_node_crypto_namespaceObject.randomBytes)(4).toString('hex')}`);
    try {
        await (0,promises_namespaceObject.rename)(lockDir, aside);
    }
    catch {
        return; // someone else moved or released it: just retry
    }
    const moved = await readLockOwner(aside);
    if (moved?.token !== staleToken) {
        // Someone else took over in between and this is their fresh lock: give it back (fails if a third one exists now;
        // then that holder's token check before its swap stops it, which is safe).
        await (0,promises_namespaceObject.rename)(aside, lockDir).catch(() => undefined);
        return;
    }
    await removeTree(aside).catch(() => undefined);
}

;// CONCATENATED MODULE: ./packages/store/src/slurm-use.ts
// Which bundle paths queued or running Slurm jobs use, from squeue's Container field (Slurm 21.08+; on 22.05 the
// field is `--Format=Container`, relative paths are kept as given and resolve against the job's WorkDir, `(null)`
// means no container). Jobs and job steps are both asked: `srun --container` inside an allocation puts the container
// on the step only. This is the store's default in-use query; it belongs in packages/slurm once that has a client.


/** Slurm could not be asked (squeue missing or failing): gc must not guess. */
class SlurmUnavailableError extends errors_EdaOciError {
    name = 'SlurmUnavailableError';
}
/** Separator that cannot occur in squeue's fields (ASCII unit separator); squeue prints a field suffix verbatim. */
const US = '\x1f';
/** States after which a job no longer uses its bundle; every other state (pending, running, suspended, ...) does. */
const FINISHED = new Set([
    'COMPLETED',
    'CANCELLED',
    'FAILED',
    'TIMEOUT',
    'NODE_FAIL',
    'PREEMPTED',
    'BOOT_FAIL',
    'DEADLINE',
    'OUT_OF_MEMORY',
    'REVOKED',
    'SPECIAL_EXIT',
]);
/** squeue arguments for jobs and for steps. */
const SQUEUE_JOB_ARGS = [
    '-h',
    '-a',
    '-t',
    'all',
    '--Format',
    ['JobID', 'State', 'StartTime', 'WorkDir', 'Container'].map((f) => `${f}:${US}`).join(','),
];
const SQUEUE_STEP_ARGS = ['-h', '-a', '-s', '--Format', ['StepID', 'StartTime', 'Container'].map((f) => `${f}:${US}`).join(',')];
function parseStart(s) {
    if (!s || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(s))
        return undefined; // N/A, Unknown, None
    const d = new Date(s); // squeue prints local time without a zone, which Date reads as local time too
    return Number.isNaN(d.getTime()) ? undefined : d;
}
function containerPath(raw, workDir) {
    const c = (raw ?? '').trim();
    if (!c || c === '(null)')
        return undefined;
    // path.resolve normalizes and drops a trailing slash, so `/b/vcs/` and `/b/vcs` compare equal.
    return external_node_path_default().isAbsolute(c) ? external_node_path_default().resolve(c) : workDir ? external_node_path_default().resolve(workDir, c) : undefined;
}
/** Parses `squeue` output for {@link SQUEUE_JOB_ARGS}; finished jobs are left out. Also returns each job's WorkDir. */
function parseSqueueJobs(text) {
    const uses = [];
    const workDirs = new Map();
    for (const line of text.split('\n')) {
        const f = line.split(US);
        if (f.length < 5)
            continue;
        const [id, state, start, workDir, container] = f.map((s) => s.trim());
        if (workDir)
            workDirs.set(id, workDir);
        if (FINISHED.has(state.split(' ')[0]))
            continue;
        const c = containerPath(container, workDir);
        // A relative path without WorkDir cannot be placed: keep it as unplaceable so callers stay conservative.
        if (c)
            uses.push({ id, state, startTime: parseStart(start), container: c });
        else if (container && container !== '(null)')
            uses.push({ id, state, startTime: parseStart(start), container: `?${container}` });
    }
    return { uses, workDirs };
}
/** Parses `squeue -s` output for {@link SQUEUE_STEP_ARGS} (steps are running); WorkDir comes from the step's job. */
function parseSqueueSteps(text, workDirs) {
    const uses = [];
    for (const line of text.split('\n')) {
        const f = line.split(US);
        if (f.length < 3)
            continue;
        const [id, start, container] = f.map((s) => s.trim());
        const raw = container;
        if (!raw || raw === '(null)')
            continue;
        const c = containerPath(raw, workDirs.get(id.split('.')[0].split('_')[0]) ?? workDirs.get(id.split('.')[0]));
        uses.push({ id, state: 'RUNNING', startTime: parseStart(start), container: c ?? `?${raw}` });
    }
    return uses;
}
/** The default in-use query: squeue for jobs, then for steps. */
function slurmInUse(deps = {}) {
    const run = deps.run ?? runCommand;
    const squeue = deps.squeue ?? 'squeue';
    const ask = async (args) => {
        try {
            return (await run(squeue, args, { timeoutMs: 60_000, logger: deps.logger, quiet: true })).stdout;
        }
        catch (err) {
            const missing = err instanceof errors_CommandFailedError && err.cause?.code === 'ENOENT';
            throw new SlurmUnavailableError(missing
                ? `cannot ask Slurm which bundle versions queued or running jobs use: ${squeue} was not found`
                : `cannot ask Slurm which bundle versions queued or running jobs use: ${err instanceof Error ? err.message : String(err)}`, 'run where squeue works (a login node), or pass --ignore-slurm if no Slurm job can use this bundles dir', { cause: err });
        }
    };
    return async () => {
        const jobs = parseSqueueJobs(await ask(SQUEUE_JOB_ARGS));
        return [...jobs.uses, ...parseSqueueSteps(await ask(SQUEUE_STEP_ARGS), jobs.workDirs)];
    };
}

;// CONCATENATED MODULE: ./packages/store/src/source.ts
// Reading and verifying the bundle to publish. With bundle.files (written by the build) one lstat per path proves a
// file is unchanged: same inode and ctime (which no user can set) and same size, mode and mtime; only files where that
// does not hold are re-hashed. Without bundle.files every file is hashed. Either way the entries must digest to the
// lockfile's tree digest, so what gets published is exactly the bundle that was built (and tested).




const { O_RDONLY, O_NOFOLLOW: source_O_NOFOLLOW } = external_node_fs_namespaceObject.constants;
function changed(dir, rel, what) {
    return new errors_BundleError(`bundle ${dir} changed since it was built (rootfs/${rel}: ${what})`, 'publish the bundle exactly as it was built and tested, or rebuild it');
}
/** Reads a small regular file without following symlinks. */
function readPlain(file) {
    const fd = external_node_fs_namespaceObject.openSync(file, O_RDONLY | source_O_NOFOLLOW);
    try {
        return external_node_fs_namespaceObject.readFileSync(fd);
    }
    finally {
        external_node_fs_namespaceObject.closeSync(fd);
    }
}
/**
 * Loads the bundle at `dir` and proves it is the bundle its lockfile describes (config.json, bundle-id, every rootfs
 * path). Throws BundleError naming the first difference.
 */
function loadSourceBundle(dir) {
    return readLockfileText(dir).then((read) => {
        if (!read)
            throw new errors_BundleError(`${dir} is not an eda-oci bundle (no ${LOCKFILE_NAME})`, 'pass the bundle-path output of build-oci-bundle');
        return verify(dir, read.lock, read.text);
    });
}
function verify(dir, lock, lockText) {
    let config;
    try {
        config = readPlain(external_node_path_default().join(dir, 'config.json'));
    }
    catch (err) {
        throw new errors_BundleError(`cannot read ${dir}/config.json (${err.code})`, 'rebuild the bundle');
    }
    if (sha256(config) !== lock.configSha256)
        throw new errors_BundleError(`bundle ${dir} changed since it was built (config.json)`, 'publish the bundle as built and tested, or rebuild it');
    if (bundleDigest(lock.configSha256, lock.rootfs.treeDigest) !== lock.bundleDigest)
        throw new errors_BundleError(`${dir}/${LOCKFILE_NAME} is inconsistent (its digests do not add up)`, 'rebuild the bundle');
    const rootfs = external_node_path_default().join(dir, 'rootfs');
    let id = '';
    try {
        id = readPlain(external_node_path_default().join(rootfs, BUNDLE_META_DIR, 'bundle-id'))
            .toString('utf8')
            .trim();
    }
    catch {
        // reported below
    }
    if (id !== lock.bundleDigest)
        throw changed(dir, `${BUNDLE_META_DIR}/bundle-id`, id ? `it names ${id}, not ${lock.bundleDigest}` : 'missing');
    let manifest;
    let stats;
    let seenIno;
    let seenCtime;
    if (lock.rootfs.manifestSha256) {
        let text;
        try {
            text = readPlain(external_node_path_default().join(dir, MANIFEST_NAME));
        }
        catch {
            throw new errors_BundleError(`${dir}/${MANIFEST_NAME} is missing although ${LOCKFILE_NAME} names it`, 'rebuild the bundle');
        }
        if (sha256(text) !== lock.rootfs.manifestSha256)
            throw new errors_BundleError(`bundle ${dir} changed since it was built (${MANIFEST_NAME})`, 'rebuild the bundle');
        manifest = parseManifest(text.toString('utf8'));
        checkSummary(dir, manifest.entries, lock);
        ({ stats, seenIno, seenCtime } = statVerify(dir, rootfs, manifest));
    }
    else {
        ({ manifest, seenIno, seenCtime } = walkAndHash(dir, rootfs));
        checkSummary(dir, manifest.entries, lock);
        stats = { trusted: 0, reread: manifest.entries.length, bytesHashed: lock.rootfs.bytes, usedManifest: false };
    }
    return { dir, lock, lockText, digest: lock.bundleDigest, config, manifest, seenIno, seenCtime, stats };
}
function checkSummary(dir, entries, lock) {
    const s = summarizeManifest(entries);
    const r = lock.rootfs;
    if (s.treeDigest !== r.treeDigest || s.files !== r.files || s.dirs !== r.dirs || s.symlinks !== r.symlinks || s.hardlinks !== r.hardlinks)
        throw new errors_BundleError(`bundle ${dir} changed since it was built: its rootfs digests to ${s.treeDigest} (${s.files} files), the lockfile says ${r.treeDigest} (${r.files} files)`, 'publish the bundle exactly as it was built and tested, or rebuild it');
}
/** Proves every manifest entry by one lstat, re-reading only what metadata cannot prove. */
function statVerify(dir, rootfs, m) {
    const racyFrom = m.statted - RACY_WINDOW_NS;
    const buf = Buffer.allocUnsafe(1 << 20);
    const entries = m.entries;
    const seenIno = new Array(entries.length);
    const seenCtime = new Array(entries.length);
    let trusted = 0;
    let reread = 0;
    let bytesHashed = 0;
    const proven = (st, ino, ctime) => ctime !== '' && st.ctimeNs < racyFrom && st.ctimeNs.toString() === ctime && st.ino.toString() === ino;
    // Entries per directory, counted on disk only for a directory whose ctime does not prove its entries unchanged.
    let children;
    const countDir = (rel) => {
        children ??= childCounts(entries);
        const abs = rel === '' ? rootfs : `${rootfs}/${rel}`;
        const n = external_node_fs_namespaceObject.readdirSync(abs).length;
        if (n !== (children.get(rel) ?? 0))
            throw changed(dir, rel || '.', `it has ${n} entries, the build made ${children.get(rel) ?? 0}`);
    };
    const rootSt = external_node_fs_namespaceObject.lstatSync(rootfs, { bigint: true, throwIfNoEntry: false });
    if (!rootSt?.isDirectory())
        throw changed(dir, '.', 'not a directory');
    if (!proven(rootSt, m.root.ino, m.root.ctimeNs))
        countDir('');
    const meta = external_node_fs_namespaceObject.lstatSync(external_node_path_default().join(rootfs, BUNDLE_META_DIR), { bigint: true, throwIfNoEntry: false });
    if (!meta?.isDirectory())
        throw changed(dir, BUNDLE_META_DIR, 'not a directory');
    const prefix = `${rootfs}/`;
    for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        const abs = prefix + e.path;
        const st = external_node_fs_namespaceObject.lstatSync(abs, { bigint: true, throwIfNoEntry: false });
        if (!st)
            throw changed(dir, e.path, 'missing');
        const type = manifestType(st);
        if (type !== e.type)
            throw changed(dir, e.path, `now ${type ?? 'a special file'}, was ${e.type}`);
        seenIno[i] = st.ino;
        seenCtime[i] = st.ctimeNs;
        const mode = manifestMode(type, st);
        if (type !== 'l' && mode !== e.mode)
            throw changed(dir, e.path, `mode ${mode.toString(8)}, was ${e.mode.toString(8)}`);
        if (type === 'f' && Number(st.size) !== e.size)
            throw changed(dir, e.path, `size ${st.size}, was ${e.size}`);
        const mtime = st.mtimeNs.toString();
        if (mtime !== e.mtimeNs && nsToSeconds(mtime) !== nsToSeconds(e.mtimeNs))
            throw changed(dir, e.path, 'modification time');
        if (mtime === e.mtimeNs && proven(st, e.ino, e.ctimeNs)) {
            trusted++;
            continue;
        }
        reread++;
        if (type === 'f') {
            bytesHashed += e.size;
            if (hashFile(abs, buf) !== e.content)
                throw changed(dir, e.path, 'content');
        }
        else if (type === 'l') {
            if (external_node_fs_namespaceObject.readlinkSync(abs) !== e.content)
                throw changed(dir, e.path, 'symlink target');
        }
        else
            countDir(e.path);
        // The manifest's exact mtime is what gets published; equal seconds keep the digest.
    }
    return { stats: { trusted, reread, bytesHashed, usedManifest: true }, seenIno, seenCtime };
}
/** Number of entries per directory ('' is the rootfs root, which also holds `.eda-oci`). */
function childCounts(entries) {
    const children = new Map([['', 1]]);
    for (const e of entries) {
        const slash = e.path.lastIndexOf('/');
        const parent = slash === -1 ? '' : e.path.slice(0, slash);
        children.set(parent, (children.get(parent) ?? 0) + 1);
    }
    return children;
}
/** Builds the entries of a bundle without bundle.files by walking and hashing its rootfs (`.eda-oci` excluded). */
function walkAndHash(dir, rootfs) {
    const buf = Buffer.allocUnsafe(1 << 20);
    const entries = [];
    const hashes = new Map();
    const walk = (rel) => {
        for (const name of external_node_fs_namespaceObject.readdirSync(rel === '' ? rootfs : `${rootfs}/${rel}`)) {
            if (rel === '' && name === BUNDLE_META_DIR)
                continue;
            const p = rel === '' ? name : `${rel}/${name}`;
            const abs = `${rootfs}/${p}`;
            const st = external_node_fs_namespaceObject.lstatSync(abs, { bigint: true });
            const type = manifestType(st);
            if (!type)
                throw changed(dir, p, 'a device node, FIFO or socket');
            let content = '';
            if (type === 'f') {
                content = hashes.get(st.ino) ?? hashFile(abs, buf);
                hashes.set(st.ino, content);
            }
            else if (type === 'l')
                content = external_node_fs_namespaceObject.readlinkSync(abs);
            entries.push({ ...manifestEntry(p, type, st, content, ''), st });
            if (type === 'd')
                walk(p);
        }
    };
    const rootSt = external_node_fs_namespaceObject.lstatSync(rootfs, { bigint: true });
    walk('');
    const sorted = sortByPathBytes(entries);
    const manifest = {
        root: { mode: Number(rootSt.mode & 4095n), mtimeNs: rootSt.mtimeNs.toString(), ino: rootSt.ino.toString(), ctimeNs: '' },
        statted: 0n,
        entries: sorted.map(({ st: _st, ...e }) => e),
    };
    return { manifest, seenIno: sorted.map((e) => e.st.ino), seenCtime: sorted.map((e) => e.st.ctimeNs) };
}

;// CONCATENATED MODULE: ./packages/store/src/tree.ts
// Writing a new version's tree into its staging directory: hard links to the current version for every file whose
// content and metadata are unchanged (each link source vetted by one lstat first), copies (reflink / copy_file_range,
// or read+hash+write for small files) for the rest, then directory times and modes with a check of every directory's
// entries, before anything can point at it. Synchronous fs calls in the per-file loops: for thousands of small files
// they cost a fraction of a promise round trip each (and the thread pool did not help: see writeTree); the loop yields
// every few ms so signals and the lock heartbeat still run.






/** Files at least this large are copied with copyFile (reflink where the file system can, else copy_file_range). */
const BIG_FILE = 1 << 20;
const { O_RDONLY: tree_O_RDONLY, O_NOFOLLOW: tree_O_NOFOLLOW, O_CREAT: tree_O_CREAT, O_EXCL: tree_O_EXCL, O_WRONLY: tree_O_WRONLY, S_IFMT: tree_S_IFMT, S_IFREG: tree_S_IFREG, S_IFDIR: tree_S_IFDIR, S_IFLNK: tree_S_IFLNK } = external_node_fs_namespaceObject.constants;
/** The file-type bits of each entry type (check messages name types by them). */
const TYPE_BITS = { f: tree_S_IFREG, d: tree_S_IFDIR, l: tree_S_IFLNK };
/** Mode of a published path: with `shared`, readable by all (a+rX) and writable by nobody but the owner. */
function publishedMode(mode, type, shared) {
    if (type === 'l')
        return 0o777;
    if (!shared)
        return mode;
    let m = (mode & ~0o022) | 0o444;
    if (type === 'd' || mode & 0o111)
        m |= 0o111;
    return m;
}
/** Equal modification times, allowing the sub-microsecond rounding of utimes() with a double (same second required). */
function sameMtime(a, b) {
    if (a === b)
        return true;
    if (nsToSeconds(a) !== nsToSeconds(b))
        return false;
    const d = BigInt(a) - BigInt(b);
    return d < 1000n && d > -1000n;
}
/** Seconds (double) for utimes from decimal ns. */
function nsToUtime(ns) {
    if (ns.startsWith('-') || ns.length <= 9)
        return Number(BigInt(ns)) / 1e9;
    return Number(ns.slice(0, -9)) + Number(ns.slice(-9)) / 1e9;
}
function changedDuring(dir, rel, what) {
    return new errors_BundleError(`bundle ${dir} changed while it was being published (rootfs/${rel}: ${what})`, 'do not modify a bundle while publishing it; publish again');
}
function checkFailed(rel, what) {
    return new errors_BundleError(`the new version failed its check before going live (rootfs/${rel}: ${what})`, 'nothing was published; retry');
}
/**
 * How an lstat differs from what a path must show: its type, owner, mode (but a symlink's), size (files) and mtime
 * (within the rounding of utimes); undefined when it shows all of them.
 */
function statMismatch(st, type, mode, size, mtimeNs, uid) {
    if (manifestType(st) !== type)
        return `type ${(Number(st.mode) & tree_S_IFMT).toString(8)}, expected ${TYPE_BITS[type].toString(8)}`;
    if (Number(st.uid) !== uid)
        return `owned by uid ${st.uid}, expected ${uid}`;
    const m = manifestMode(type, st);
    if (type !== 'l' && m !== mode)
        return `mode ${m.toString(8)}, expected ${mode.toString(8)}`;
    if (type === 'f' && Number(st.size) !== size)
        return `size ${st.size}, expected ${size}`;
    if (!sameMtime(st.mtimeNs.toString(), mtimeNs))
        return 'modification time';
    return undefined;
}
/**
 * What lstat of a path just written must show (see {@link statMismatch}). Returns the inode number, the store side of
 * publish.files.
 */
function checkWritten(st, rel, type, mode, size, mtimeNs, uid) {
    const why = statMismatch(st, type, mode, size, mtimeNs, uid);
    if (why !== undefined)
        throw checkFailed(rel, why);
    return st.ino.toString();
}
/** Copies one small file by read + hash + write; the hash must be the recorded one. Returns the new inode number. */
function copySmall(src, dst, e, mode, buf, sourceDir, uid) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    const fin = external_node_fs_namespaceObject.openSync(src, tree_O_RDONLY | tree_O_NOFOLLOW);
    let fout = -1;
    try {
        fout = external_node_fs_namespaceObject.openSync(dst, tree_O_CREAT | tree_O_EXCL | tree_O_WRONLY | tree_O_NOFOLLOW, mode & 0o777);
        let total = 0;
        for (;;) {
            const n = external_node_fs_namespaceObject.readSync(fin, buf, 0, buf.length, null);
            if (n === 0)
                break;
            hash.update(buf.subarray(0, n));
            let off = 0;
            while (off < n)
                off += external_node_fs_namespaceObject.writeSync(fout, buf, off, n - off);
            total += n;
        }
        if (total !== e.size || hash.digest('hex') !== e.content)
            throw changedDuring(sourceDir, e.path, 'content');
        external_node_fs_namespaceObject.fchmodSync(fout, mode); // open() applied the umask
        const t = nsToUtime(e.mtimeNs);
        external_node_fs_namespaceObject.futimesSync(fout, t, t);
        // The content is the recorded one (hashed as written); fstat proves what fchmod/futimes left (fchmod may drop
        // setgid silently) and gives the inode.
        return checkWritten(external_node_fs_namespaceObject.fstatSync(fout, { bigint: true }), e.path, 'f', mode, e.size, e.mtimeNs, uid);
    }
    finally {
        external_node_fs_namespaceObject.closeSync(fin);
        if (fout !== -1)
            external_node_fs_namespaceObject.closeSync(fout);
    }
}
/** The kernel refused a hard link (or the lstat of its source) where a copy does the job. */
function linkRefused(err) {
    const code = err.code;
    // Another user's file (fs.protected_hardlinks), another file system, the link limit, a path of the current version
    // that is gone or no longer reachable.
    return code === 'EPERM' || code === 'EACCES' || code === 'EXDEV' || code === 'EMLINK' || code === 'ENOENT' || code === 'ENOTDIR';
}
function readlinkOrUndefined(p) {
    try {
        return external_node_fs_namespaceObject.readlinkSync(p);
    }
    catch (err) {
        if (linkRefused(err))
            return undefined;
        throw err;
    }
}
/**
 * Writes the source bundle's rootfs into `<staging>/rootfs`, linking unchanged files from the current version, and
 * verifies the result against the manifest before returning (see "What is verified" below).
 *
 * One pass in manifest order (parents sort before children): mkdir for directories, link(2) or copy for files,
 * link(2) or symlink(2) for symlinks; then large copies; then directory times and modes, deepest first. All calls are
 * synchronous on the main thread: measured on ext4 on a 2-core VM, 5,300 link(2) calls took 80-95 ms in a loop and
 * 85-195 ms through libuv's thread pool (16-64 in flight, UV_THREADPOOL_SIZE 4, 8 or 16: the per-request overhead
 * on the main thread exceeds what the kernel calls gain from running on other cores), and a worker thread costs
 * 45-110 ms to start.
 *
 * What is verified, and why it is sufficient for "the new version is the bundle's lockfile":
 * - The manifest itself equals the lockfile (bundle.files by sha256, its entries digest to the lockfile's tree digest
 *   and counts) and every source path equals its manifest entry: loadSourceBundle, before anything is written.
 * - Every path of the manifest is created in the private staging directory (mode 0700, ours, nobody else can add,
 *   remove or replace names in it) by a call that failed unless it created exactly that name: mkdir, symlink,
 *   open(O_CREAT|O_EXCL), copyFile(COPYFILE_EXCL), link. So each path exists with the type of the call.
 * - A hard link is made only from a current-version inode whose lstat, taken right before the link, shows the
 *   recorded inode number, type, owner, mode, size and mtime (and for symlinks the target, readlink): the inode then
 *   carries exactly the metadata the manifest wants, and its content is the one the current version's publish.files
 *   recorded (the content is not re-read, as before: versions are immutable and their files read-only). A candidate
 *   that does not pass is copied from the verified source instead.
 * - A copied file's content is hashed while it is written (small files; large ones are proven by the source's inode
 *   and ctime before and after the copy), and fstat/lstat after fchmod/futimes show its owner, mode, size and mtime.
 *   New symlinks and every directory are lstat-ed after their times and modes were set.
 * - Hard-link structure: names that share an inode in the bundle are linked to one store inode, and no two separate
 *   files of the bundle get the same one (checked over the inode numbers collected above).
 * - Every directory (and the rootfs root) is read once after all its children exist: its number of entries equals
 *   the manifest's. With every expected name created in it, that proves it holds nothing else.
 * - The record of the new tree (the manifest's paths, types, sizes, mtimes and contents with the modes found above)
 *   has the lockfile's counts, and with `shared: false` the lockfile's tree digest (with `shared: true` the modes
 *   differ by the documented a+rX transform, so the digest is a new one, recorded as publishedTreeDigest).
 * This replaces a second walk that lstat-ed every path after the write: each path is now checked once, by the
 * syscall that made it plus one lstat of the link source, and each directory by one readdir.
 */
async function writeTree(o) {
    const { source, staging, current, shared, signal, uid } = o;
    const entries = source.manifest.entries;
    const n = entries.length;
    const srcRoot = `${source.dir}/rootfs/`;
    const root = `${staging}/rootfs`;
    const rootSlash = `${root}/`;
    const curRoot = current ? `${current.dir}/rootfs/` : '';
    const index = current?.index;
    const buf = Buffer.allocUnsafe(1 << 20);
    const modes = new Array(n);
    for (let i = 0; i < n; i++)
        modes[i] = publishedMode(entries[i].mode, entries[i].type, shared);
    // The store inode of every entry once verified (decimal, as publish.files records it).
    const storeIno = new Array(n);
    // Current-version inodes already taken by one file of the bundle (by recorded inode number).
    const usedStoreInodes = new Set();
    const groupFirst = new Map();
    const mates = [];
    const bigCopies = [];
    let filesLinked = 0;
    let filesCopied = 0;
    let symlinksLinked = 0;
    let bytesCopied = 0;
    let linkSourcesRejected = 0;
    let lastYield = performance.now();
    const half = n >> 1;
    const ticker = o.onProgress ? new ProgressTicker() : undefined;
    // Distinct regular files: loadSourceBundle proved the manifest's count (one per inode) equals the lockfile's.
    const filesTotal = source.lock.rootfs.files;
    const report = (done) => o.onProgress({ filesLinked, filesCopied, filesTotal, bytesCopied, done });
    /** lstat of a link source in the current version: its inode number when it is exactly `rec` with these metadata. */
    const vetLinkSource = (src, rec, type, mode, size, mtimeNs) => {
        let st;
        try {
            st = external_node_fs_namespaceObject.lstatSync(src, { bigint: true, throwIfNoEntry: false });
        }
        catch (err) {
            if (linkRefused(err))
                return undefined;
            throw err;
        }
        if (!st)
            return undefined;
        const ino = st.ino.toString();
        if (ino !== rec.ino || statMismatch(st, type, mode, size, mtimeNs, uid) !== undefined) {
            linkSourcesRejected++;
            return undefined;
        }
        return ino;
    };
    const link = (from, to) => {
        try {
            external_node_fs_namespaceObject.linkSync(from, to);
            return true;
        }
        catch (err) {
            if (!linkRefused(err))
                throw err;
            return false;
        }
    };
    const t0 = performance.now();
    external_node_fs_namespaceObject.mkdirSync(root, 0o700);
    for (let i = 0; i < n; i++) {
        if ((i & 63) === 0 && performance.now() - lastYield > 20) {
            await new Promise((r) => setImmediate(r));
            lastYield = performance.now();
            if (signal?.aborted)
                throw new errors_CancelledError('publish cancelled while writing the new version');
        }
        if (i === half && o.midway)
            await o.midway();
        if (ticker && (i & 63) === 0 && ticker.due())
            report(false);
        const e = entries[i];
        const rel = e.path;
        const dst = rootSlash + rel;
        if (e.type === 'd') {
            external_node_fs_namespaceObject.mkdirSync(dst, 0o700);
            continue;
        }
        const cur = index?.atPath(rel);
        if (e.type === 'l') {
            if (cur?.type === 'l' && cur.content === e.content && sameMtime(cur.mtimeNs, e.mtimeNs)) {
                const from = curRoot + rel;
                // A hard link to the symlink itself (linkat without AT_SYMLINK_FOLLOW); its target checked by readlink.
                let ino = vetLinkSource(from, cur, 'l', 0o777, 0, e.mtimeNs);
                if (ino !== undefined && readlinkOrUndefined(from) !== e.content) {
                    linkSourcesRejected++;
                    ino = undefined;
                }
                if (ino !== undefined && link(from, dst)) {
                    storeIno[i] = ino;
                    symlinksLinked++;
                    continue;
                }
            }
            external_node_fs_namespaceObject.symlinkSync(e.content, dst);
            const t = nsToUtime(e.mtimeNs);
            external_node_fs_namespaceObject.lutimesSync(dst, t, t);
            storeIno[i] = checkWritten(external_node_fs_namespaceObject.lstatSync(dst, { bigint: true }), rel, 'l', 0o777, 0, e.mtimeNs, uid);
            continue;
        }
        if (groupFirst.has(e.ino)) {
            mates.push(i);
            continue;
        }
        groupFirst.set(e.ino, i);
        const mode = modes[i];
        // Two files that are separate in the bundle must stay separate: never link both to one current inode.
        const atPath = cur?.type === 'f' &&
            cur.content === e.content &&
            cur.mode === mode &&
            sameMtime(cur.mtimeNs, e.mtimeNs) &&
            !usedStoreInodes.has(cur.ino)
            ? cur
            : undefined;
        let from = '';
        let ino;
        if (atPath)
            ino = vetLinkSource((from = curRoot + atPath.path), atPath, 'f', mode, e.size, e.mtimeNs);
        // Else a file of the same content, mode and exact mtime at another path (a file that moved).
        if (ino === undefined && index)
            for (const c of index.filesLike(e.content, mode, e.mtimeNs)) {
                if (c.path === atPath?.path || usedStoreInodes.has(c.ino))
                    continue;
                from = curRoot + c.path;
                ino = vetLinkSource(from, c, 'f', mode, e.size, e.mtimeNs);
                if (ino !== undefined)
                    break;
            }
        if (ino !== undefined && link(from, dst)) {
            storeIno[i] = ino;
            usedStoreInodes.add(ino);
            filesLinked++;
            continue;
        }
        if (e.size >= BIG_FILE) {
            bigCopies.push(i);
            continue;
        }
        storeIno[i] = copySmall(srcRoot + rel, dst, e, mode, buf, source.dir, uid);
        filesCopied++;
        bytesCopied += e.size;
    }
    const tLinked = performance.now();
    // Large files through the thread pool, two at a time: the event loop (heartbeat, signals) stays free.
    const copyBig = async (i) => {
        if (signal?.aborted)
            throw new errors_CancelledError('publish cancelled while copying');
        const e = entries[i];
        const src = srcRoot + e.path;
        const dst = rootSlash + e.path;
        await (0,promises_namespaceObject.copyFile)(src, dst, external_node_fs_namespaceObject.constants.COPYFILE_EXCL | external_node_fs_namespaceObject.constants.COPYFILE_FICLONE);
        const st = await (0,promises_namespaceObject.lstat)(src, { bigint: true });
        // Content was proven at verification time (by metadata or by hashing); the same inode and ctime now prove it
        // did not change while it was copied.
        if (st.ino !== source.seenIno[i] || st.ctimeNs !== source.seenCtime[i] || Number(st.size) !== e.size)
            throw changedDuring(source.dir, e.path, 'modified during the copy');
        external_node_fs_namespaceObject.chmodSync(dst, modes[i]);
        const t = nsToUtime(e.mtimeNs);
        await (0,promises_namespaceObject.utimes)(dst, t, t);
        storeIno[i] = checkWritten(await (0,promises_namespaceObject.lstat)(dst, { bigint: true }), e.path, 'f', modes[i], e.size, e.mtimeNs, uid);
        filesCopied++;
        bytesCopied += e.size;
        if (ticker?.due())
            report(false);
    };
    const queue = [...bigCopies];
    await Promise.all([0, 1].map(async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift())
            await copyBig(i);
    }));
    if (signal?.aborted)
        throw new errors_CancelledError('publish cancelled while writing the new version');
    for (const i of mates) {
        const first = groupFirst.get(entries[i].ino);
        external_node_fs_namespaceObject.linkSync(rootSlash + entries[first].path, rootSlash + entries[i].path);
        storeIno[i] = storeIno[first];
    }
    if (ticker)
        report(true);
    // rootfs/.eda-oci/bundle-id: outside the tree digest, proven against the lockfile when the source was loaded.
    const meta = `${root}/${BUNDLE_META_DIR}`;
    external_node_fs_namespaceObject.mkdirSync(meta, 0o700);
    const idText = `${source.digest}\n`;
    external_node_fs_namespaceObject.writeFileSync(`${meta}/bundle-id`, idText, { mode: 0o444, flag: 'wx' });
    external_node_fs_namespaceObject.chmodSync(`${meta}/bundle-id`, 0o444);
    external_node_fs_namespaceObject.chmodSync(meta, 0o555);
    bytesCopied += idText.length;
    const tDirs = performance.now();
    // Directory times and modes last, deepest first (children change a directory's mtime; 0555 dirs must stay
    // writable until their children exist). Reverse path order visits every directory after all its descendants, and
    // before its parent, so each is still ours and searchable (0700) when it is read and checked.
    const children = childCounts(entries);
    const finishDir = (rel, abs, mode, mtimeNs) => {
        const count = external_node_fs_namespaceObject.readdirSync(abs).length;
        if (count !== (children.get(rel) ?? 0))
            throw checkFailed(rel || '.', `${count} entries, expected ${children.get(rel) ?? 0}`);
        const t = nsToUtime(mtimeNs);
        external_node_fs_namespaceObject.utimesSync(abs, t, t);
        external_node_fs_namespaceObject.chmodSync(abs, mode);
        return external_node_fs_namespaceObject.lstatSync(abs, { bigint: true });
    };
    for (let i = n - 1; i >= 0; i--) {
        const e = entries[i];
        if (e.type === 'd')
            storeIno[i] = checkWritten(finishDir(e.path, rootSlash + e.path, modes[i], e.mtimeNs), e.path, 'd', modes[i], 0, e.mtimeNs, uid);
    }
    // The rootfs root is not part of the tree digest: its entries are counted, its type and owner checked, and its
    // mode and mtime recorded as found (as before; the build's mtime is a full-ns time that utimes, taking a double,
    // sets only to about a microsecond on Node 20).
    const r = source.manifest.root;
    const rootSt = finishDir('', root, publishedMode(r.mode, 'd', shared), r.mtimeNs);
    const rootMode = Number(rootSt.mode & 4095n);
    checkWritten(rootSt, '.', 'd', rootMode, 0, rootSt.mtimeNs.toString(), uid);
    const tCheck = performance.now();
    const checked = checkRecord(source, modes, storeIno, shared);
    const ms = (a, b) => Math.round(b - a);
    return {
        published: {
            root: { mode: rootMode, mtimeNs: rootSt.mtimeNs.toString(), ino: rootSt.ino.toString(), ctimeNs: '' },
            statted: 0n,
            entries: checked.entries,
        },
        publishedTreeDigest: checked.treeDigest,
        filesLinked,
        filesCopied,
        symlinksLinked,
        bytesCopied,
        linkSourcesRejected,
        timingsMs: { entries: ms(t0, tLinked), bigFiles: ms(tLinked, tDirs), dirs: ms(tDirs, tCheck), check: ms(tCheck, performance.now()) },
    };
}
/**
 * The record of the written tree (publish.files' entries) from what writeTree verified path by path, checked as a
 * whole: every path verified, the bundle's hard-link structure, the lockfile's counts and (modes kept) tree digest.
 * Exported for tests.
 */
function checkRecord(source, modes, storeIno, shared) {
    const entries = source.manifest.entries;
    const out = new Array(entries.length);
    const groupIno = new Map();
    const inoGroup = new Map();
    for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        const ino = storeIno[i];
        if (ino === undefined)
            throw checkFailed(e.path, 'not written');
        if (e.type === 'f') {
            // One store inode per source file: names that share an inode in the bundle share one here, and no others.
            const seen = groupIno.get(e.ino);
            if (seen === undefined) {
                if (inoGroup.has(ino))
                    throw checkFailed(e.path, 'hard-linked to a file it is not linked to in the bundle');
                groupIno.set(e.ino, ino);
                inoGroup.set(ino, e.ino);
            }
            else if (seen !== ino)
                throw checkFailed(e.path, 'not hard-linked like in the bundle');
        }
        // The bundle's exact mtime (the file system's is within a microsecond of it, checked when written): the next
        // publish compares it with the next bundle's by string equality.
        out[i] = { path: e.path, type: e.type, mode: modes[i], size: e.size, mtimeNs: e.mtimeNs, content: e.content, ino, ctimeNs: '' };
    }
    // Every record equals the bundle's but for the `shared` mode transform (checked one by one as written), so the
    // digest of the published tree is the lockfile's when modes are kept; the counts must be the lockfile's either way.
    const got = summarizeManifest(out);
    const want = source.lock.rootfs;
    if (got.files !== want.files || got.hardlinks !== want.hardlinks || got.dirs !== want.dirs || got.symlinks !== want.symlinks)
        throw checkFailed('.', `${got.files} files, ${got.hardlinks} hard links, ${got.dirs} dirs, ${got.symlinks} symlinks; the lockfile has ${want.files}, ${want.hardlinks}, ${want.dirs}, ${want.symlinks}`);
    if (!shared && got.treeDigest !== want.treeDigest)
        throw checkFailed('.', `tree digest ${got.treeDigest}, the lockfile has ${want.treeDigest}`);
    return { entries: out, treeDigest: got.treeDigest };
}
/**
 * Proves an existing version is intact before it is made current again (re-point, rollback): every path of its
 * publish.files exists with the recorded type, mode, size, mtime and inode.
 */
function checkVersionTree(versionDir, files) {
    const root = `${versionDir}/rootfs`;
    for (const e of files.entries) {
        const st = external_node_fs_namespaceObject.lstatSync(`${root}/${e.path}`, { bigint: true, throwIfNoEntry: false });
        const type = st && manifestType(st);
        if (!st ||
            type !== e.type ||
            manifestMode(type, st) !== e.mode ||
            (type === 'f' && Number(st.size) !== e.size) ||
            !sameMtime(st.mtimeNs.toString(), e.mtimeNs) ||
            st.ino.toString() !== e.ino)
            throw new errors_BundleError(`version ${versionDir} is damaged (rootfs/${e.path} differs from its publish.files)`, 'publish the bundle again instead; remove the damaged version with eda-oci gc or by hand');
    }
}

;// CONCATENATED MODULE: ./packages/store/src/maintenance.ts
// Store operations besides publish: list, rollback, gc (and the retention publish runs), and the removal of what
// crashed publishers left behind.










/**
 * Removes what interrupted runs left (call under the store lock): staging dirs and swap symlinks of publishers that
 * are gone (dead pid on this host; from other hosts, older than the lock lifetime), trash and set-aside locks.
 */
async function maintenance_cleanLeftovers(p, lifetimeMs, log = logger_silentLogger) {
    const removed = [];
    const host = hostTag();
    const gone = async (dir, entry) => {
        const owner = parseTempOwner(entry);
        if (!owner)
            return false;
        if (owner.host === host)
            return !pidAlive(owner.pid);
        const st = await (0,promises_namespaceObject.lstat)(external_node_path_default().join(dir, entry)).catch(() => undefined);
        return !!st && Date.now() - st.mtimeMs > lifetimeMs;
    };
    for (const entry of await (0,promises_namespaceObject.readdir)(p.nameDir).catch(() => [])) {
        const always = /^\.(trash-|lock\.stale-|lock\.released-|history\.)/.test(entry);
        if (always || (entry.startsWith('.staging-') && (await gone(p.nameDir, entry)))) {
            await removeTree(external_node_path_default().join(p.nameDir, entry));
            removed.push(entry);
        }
    }
    const swapPrefix = `.${p.name}.swap-`;
    for (const entry of await (0,promises_namespaceObject.readdir)(p.bundlesDir).catch(() => [])) {
        if (entry.startsWith(swapPrefix) && (await gone(p.bundlesDir, entry))) {
            await (0,promises_namespaceObject.unlink)(external_node_path_default().join(p.bundlesDir, entry)).catch(() => undefined);
            removed.push(entry);
        }
    }
    if (removed.length)
        log.info(`removed leftovers of interrupted runs: ${removed.join(', ')}`);
    return removed;
}
async function aliasesOf(bundlesDir) {
    const real = await (0,promises_namespaceObject.realpath)(bundlesDir).catch(() => bundlesDir);
    return real !== bundlesDir ? [real] : [];
}
/** The gc decision for one name (reads the store and asks Slurm only when something could be deleted). */
async function planFor(p, o, inUse, ignoreSlurm, log) {
    const versions = await listVersionNames(p);
    const current = await currentVersion(p);
    const history = await readHistory(p);
    const curMeta = current ? await readPublishMeta(external_node_path_default().join(p.nameDir, current)) : undefined;
    const previous = previousVersion(history, current, new Set(versions), curMeta?.previous);
    const input = { versions, current, previous, history, keep: o.keep, graceMs: o.graceSeconds * 1000, nowMs: o.nowMs };
    const first = selectVictims({ ...input, inUse: new Set() });
    if (!first.delete.length || ignoreSlurm)
        return first;
    const uses = await (inUse ?? slurmInUse({ logger: log }))();
    const used = versionsInUse(uses, p, versions, history, current, o.nowMs, await aliasesOf(p.bundlesDir));
    return selectVictims({ ...input, inUse: used });
}
/** Retention after a publish (under its lock): like gc, but Slurm being unavailable skips it with a warning. */
async function runRetention(p, o, inUse, log) {
    let plan;
    try {
        plan = await planFor(p, o, inUse, false, log);
    }
    catch (err) {
        if (!(err instanceof SlurmUnavailableError))
            throw err;
        const skipped = `retention skipped, old versions kept: ${err.message}`;
        log.warning(skipped);
        return { name: p.name, deleted: [], kept: [], skipped };
    }
    await deleteVersions(p, plan.delete);
    if (plan.delete.length)
        log.info(`retention (keep ${o.keep}) deleted ${plan.delete.join(', ')}`);
    return { name: p.name, deleted: plan.delete, kept: plan.keep };
}
async function namesOf(bundlesDir, name) {
    if (name)
        return [validateBundleName(name)];
    const dir = external_node_path_default().join(bundlesDir, '.eda-oci');
    const names = await (0,promises_namespaceObject.readdir)(dir).catch(() => []);
    return names.filter((n) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(n)).sort();
}
/** Lists versions (newest first) with current, previous and in-use marks. Reads only. */
async function listStore(t, deps = {}) {
    const bundlesDir = validateBundlesDir(t.bundlesDir);
    const log = deps.logger ?? logger_silentLogger;
    const names = await namesOf(bundlesDir, t.name);
    let uses;
    let slurm;
    if (t.slurm !== false) {
        try {
            uses = await (deps.inUse ?? slurmInUse({ logger: log }))();
        }
        catch (err) {
            if (!(err instanceof SlurmUnavailableError))
                throw err;
            slurm = err.message;
        }
    }
    const out = [];
    const aliases = await aliasesOf(bundlesDir);
    for (const name of names) {
        const p = storePaths(bundlesDir, name);
        const versions = await listVersionNames(p);
        const current = await currentVersion(p).catch(() => undefined);
        const history = await readHistory(p);
        const metas = await Promise.all(versions.map((v) => readPublishMeta(external_node_path_default().join(p.nameDir, v))));
        const curMeta = current ? metas[versions.indexOf(current)] : undefined;
        const previous = previousVersion(history, current, new Set(versions), curMeta?.previous);
        const used = uses ? versionsInUse(uses, p, versions, history, current, Date.now(), aliases) : undefined;
        out.push({
            name,
            path: p.link,
            current,
            previous,
            versions: versions
                .map((v, i) => ({
                version: v,
                path: external_node_path_default().join(p.nameDir, v),
                current: v === current,
                previous: v === previous,
                inUse: used ? used.has(v) : undefined,
                meta: metas[i],
            }))
                .reverse(),
        });
    }
    return { names: out, slurm };
}
/** Makes `to` (default: the previous version) current again, with the same atomic swap as publish. */
async function rollbackStore(t, deps = {}) {
    const log = deps.logger ?? logger_silentLogger;
    const bundlesDir = validateBundlesDir(t.bundlesDir);
    const name = validateBundleName(t.name);
    if (t.to !== undefined && !VERSION_RE.test(t.to))
        throw new errors_ConfigurationError(`version '${t.to}' is not a version name (YYYYMMDDTHHMMSSZ-<12 hex>)`, `pick one from 'eda-oci list'`);
    if (t.onlyIfPublishedBy)
        validateRunId(t.onlyIfPublishedBy.runId);
    const uid = process.getuid?.() ?? 0;
    await checkBundlesDir(bundlesDir, uid);
    const p = storePaths(bundlesDir, name);
    if (!(await checkStoreDir(p.nameDir, uid)))
        throw new errors_ConfigurationError(`no bundle '${name}' is published in ${bundlesDir}`, 'check the name and bundles dir');
    await checkStoreDir(p.storeDir, uid);
    const lock = await acquireLock(p.lockDir, {
        timeoutSeconds: t.lockTimeoutSeconds ?? 600,
        lifetimeSeconds: deps.lockLifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS,
        logger: log,
        what: `bundle store '${name}' in ${bundlesDir}`,
    });
    try {
        const versions = await listVersionNames(p);
        const current = await currentVersion(p);
        const history = await readHistory(p);
        const curMeta = current ? await readPublishMeta(external_node_path_default().join(p.nameDir, current)) : undefined;
        // Decided under the lock: no publish or rollback can slip in between the check and the switch.
        if (t.onlyIfPublishedBy) {
            const check = checkPublishedByRun(history, current, curMeta, t.onlyIfPublishedBy);
            log.info(`${name}: ${check.reason}`);
            if (!check.ok)
                return { name, path: p.link, from: current, to: current ?? '', changed: false, skipped: check.reason };
        }
        const to = t.to ?? previousVersion(history, current, new Set(versions), curMeta?.previous);
        if (!to)
            throw new errors_ConfigurationError(`'${name}' has no previous version to roll back to`, `pick one with --to from 'eda-oci list'`);
        if (!versions.includes(to))
            throw new errors_ConfigurationError(`'${name}' has no version ${to}`, `pick one of: ${versions.join(', ') || '(none)'}`);
        if (to === current)
            return { name, path: p.link, from: current, to, changed: false };
        const dir = external_node_path_default().join(p.nameDir, to);
        const files = await readPublishFiles(dir);
        if (!files || !(await readPublishMeta(dir)))
            throw new errors_BundleError(`version ${dir} is incomplete (no publish.json/publish.files)`, 'pick another version');
        checkVersionTree(dir, files);
        if (!(await lock.stillHeld()))
            throw new errors_BundleError(`lost the lock of ${p.nameDir}; nothing was switched`, 'retry');
        await swapLink(p, to);
        await appendHistory(p, { time: (deps.now?.() ?? new Date()).toISOString(), version: to, op: 'rollback', by: userAtHost() });
        log.info(`${p.link} -> ${to} (was ${current ?? 'nothing'})`);
        return { name, path: p.link, from: current, to, changed: true };
    }
    finally {
        await lock.release();
    }
}
/** A GitHub Actions run id (github.run_id): digits only. */
function validateRunId(runId, what = 'only-if-published-by-run') {
    if (!/^[1-9]\d{0,19}$/.test(runId))
        throw new errors_ConfigurationError(`${what} '${runId}' is not a run id`, 'pass ${{ github.run_id }} (digits only)');
    return runId;
}
function userAtHost() {
    return `${process.env.USER ?? process.getuid?.() ?? '?'}@${hostTag()}`;
}
/** Deletes versions beyond `keep` (see gc.ts for what is always kept), per name, under each name's lock. */
async function gcStore(o, deps = {}) {
    const log = deps.logger ?? logger_silentLogger;
    const bundlesDir = validateBundlesDir(o.bundlesDir);
    const keep = validateKeep(o.keep);
    const graceSeconds = o.graceSeconds ?? 3600;
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0)
        throw new errors_ConfigurationError(`grace-seconds is '${graceSeconds}', which is not a whole number >= 0`, 'set e.g. 3600');
    const uid = process.getuid?.() ?? 0;
    await checkBundlesDir(bundlesDir, uid);
    const results = [];
    const lifetime = deps.lockLifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS;
    for (const name of await namesOf(bundlesDir, o.name)) {
        const p = storePaths(bundlesDir, name);
        if (!(await checkStoreDir(p.nameDir, uid)))
            throw new errors_ConfigurationError(`no bundle '${name}' is published in ${bundlesDir}`, 'check the name');
        const nowMs = (deps.now?.() ?? new Date()).getTime();
        if (o.dryRun) {
            const plan = await planFor(p, { keep, graceSeconds, nowMs }, deps.inUse, o.ignoreSlurm ?? false, log);
            results.push({ name, deleted: plan.delete, kept: plan.keep });
            continue;
        }
        const lock = await acquireLock(p.lockDir, {
            timeoutSeconds: o.lockTimeoutSeconds ?? 600,
            lifetimeSeconds: lifetime,
            logger: log,
            what: `bundle store '${name}' in ${bundlesDir}`,
        });
        try {
            await maintenance_cleanLeftovers(p, lifetime * 1000, log);
            const plan = await planFor(p, { keep, graceSeconds, nowMs }, deps.inUse, o.ignoreSlurm ?? false, log);
            if (!(await lock.stillHeld()))
                throw new errors_BundleError(`lost the lock of ${p.nameDir}; nothing deleted`, 'retry');
            await deleteVersions(p, plan.delete);
            if (plan.delete.length)
                log.info(`${name}: deleted ${plan.delete.join(', ')}`);
            results.push({ name, deleted: plan.delete, kept: plan.keep });
        }
        finally {
            await lock.release();
        }
    }
    return results;
}

;// CONCATENATED MODULE: ./packages/store/src/publish.ts
// publishBundle: a verified bundle becomes a new immutable version under `<bundles-dir>/.eda-oci/<name>/`, and
// `<bundles-dir>/<name>` is switched to it with one rename(2). Readers see the old or the new version, never a mixture:
// a version is written under a staging name, checked, renamed into place, and only then pointed at.













const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;
/** Test-only: makes a publisher print a marker and wait at a point (during-copy, before-swap, after-swap). */
const TEST_PAUSE_ENV = 'EDA_OCI_STORE_TEST_PAUSE';
/** The line printed to stderr when pausing. */
const TEST_PAUSE_MARKER = 'EDA_OCI_STORE_TEST_PAUSED';
/** Validates every publish option; throws ConfigurationError naming the first bad one. */
function validatePublishOptions(o) {
    if (!o.bundle || o.bundle.includes('\0'))
        throw new errors_ConfigurationError('bundle is empty', "set bundle to build-oci-bundle's bundle-path");
    const keep = validateKeep(o.keep ?? 5);
    const lockTimeoutSeconds = o.lockTimeoutSeconds ?? 600;
    if (!Number.isInteger(lockTimeoutSeconds) || lockTimeoutSeconds < 0 || lockTimeoutSeconds > 86_400)
        throw new errors_ConfigurationError(`lock-timeout-seconds is '${lockTimeoutSeconds}', which is not a whole number from 0 to 86400`, 'set e.g. 600');
    const graceSeconds = o.graceSeconds ?? 3600;
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0)
        throw new errors_ConfigurationError(`grace-seconds is '${graceSeconds}', which is not a whole number >= 0`, 'set e.g. 3600');
    if (o.expectedDigest !== undefined && o.expectedDigest !== '' && !DIGEST_RE.test(o.expectedDigest))
        throw new errors_ConfigurationError(`expected-digest '${o.expectedDigest}' is not a bundle digest (sha256:<64 hex>)`, "pass build-oci-bundle's bundle-digest output");
    if (o.name !== undefined && o.name !== '')
        validateBundleName(o.name);
    return {
        bundle: external_node_path_default().resolve(o.bundle),
        bundlesDir: validateBundlesDir(o.bundlesDir),
        keep,
        lockTimeoutSeconds,
        shared: o.shared ?? true,
        dryRun: o.dryRun ?? false,
        graceSeconds,
        expectedDigest: o.expectedDigest || undefined,
        name: o.name || undefined,
        onProgress: o.onProgress,
    };
}
/** A store directory we create: mkdir, then chmod (the umask must not make it group/other-writable or unreadable). */
async function ensureStoreDir(dir, uid) {
    if (await checkStoreDir(dir, uid))
        return;
    try {
        await (0,promises_namespaceObject.mkdir)(dir, { mode: 0o755 });
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
        await checkStoreDir(dir, uid);
        return;
    }
    await (0,promises_namespaceObject.chmod)(dir, 0o755);
}
function pauser(env, signal) {
    const want = env[TEST_PAUSE_ENV];
    return async (point) => {
        if (want !== point)
            return;
        process.stderr.write(`${TEST_PAUSE_MARKER} ${point} pid=${process.pid}\n`);
        await new Promise((_resolve, reject) => {
            const keep = setInterval(() => undefined, 1 << 30);
            signal?.addEventListener('abort', () => {
                clearInterval(keep);
                reject(new errors_CancelledError(`publish cancelled at ${point}`));
            }, { once: true });
        });
    };
}
/** Counts what a publish would link and copy (dry run), from the manifests alone. */
function planCounts(source, current, shared) {
    const byPath = new Map(current?.entries.map((e) => [e.path, e]));
    const seen = new Set();
    let link = 0;
    let copy = 0;
    let bytes = 0;
    for (const e of source.manifest.entries) {
        if (e.type !== 'f' || seen.has(e.ino))
            continue;
        seen.add(e.ino);
        const c = byPath.get(e.path);
        if (c?.type === 'f' && c.content === e.content && c.mode === publishedMode(e.mode, 'f', shared) && sameMtime(c.mtimeNs, e.mtimeNs))
            link++;
        else {
            copy++;
            bytes += e.size;
        }
    }
    return { link, copy, bytes };
}
/**
 * Publishes a built bundle to `<bundlesDir>/<name>` (see the module comment). Unchanged (same digest current): nothing
 * is written and `changed` is false. Same digest as an older kept version: `<name>` points at it again.
 */
async function publishBundle(options, deps = {}) {
    const log = deps.logger ?? logger_silentLogger;
    const env = deps.env ?? process.env;
    const now = deps.now ?? (() => new Date());
    const o = validatePublishOptions(options);
    const uid = process.getuid?.() ?? 0;
    const signal = options.signal;
    const t0 = Date.now();
    const timings = {};
    const warnings = [];
    const pause = pauser(env, signal);
    await checkBundlesDir(o.bundlesDir, uid);
    const source = await log.group('Verify bundle', async () => {
        const t = Date.now();
        const s = await loadSourceBundle(o.bundle);
        timings.verify = Date.now() - t;
        const v = s.stats;
        log.info(`${o.bundle}: ${s.digest}, ${s.lock.rootfs.files} files, ${s.lock.rootfs.bytes} bytes; ` +
            (v.usedManifest
                ? `${v.trusted} paths proven unchanged by inode+ctime, ${v.reread} read again (${v.bytesHashed} bytes hashed)`
                : `no bundle.files: every file hashed (${v.bytesHashed} bytes)`));
        return s;
    });
    if (o.expectedDigest && source.digest !== o.expectedDigest)
        throw new errors_BundleError(`bundle ${o.bundle} has digest ${source.digest}, not the expected ${o.expectedDigest}: it changed since it was built and tested`, 'publish the bundle that was tested (pass the build step outputs unchanged) or test this one');
    const name = o.name ?? validateBundleName(source.lock.name);
    const p = storePaths(o.bundlesDir, name);
    await checkStoreDir(p.storeDir, uid);
    await checkStoreDir(p.nameDir, uid);
    const base = {
        path: p.link,
        name,
        bundleDigest: source.digest,
        bundleBytes: source.lock.rootfs.bytes,
        bundleFiles: source.lock.rootfs.files,
        verified: source.stats,
        dryRun: o.dryRun,
        timingsMs: timings,
        warnings,
    };
    // Unchanged: decided without the lock (a concurrent publish is simply ordered after this one) and without writing.
    const cur0 = await currentVersion(p);
    const cur0Meta = cur0 ? await readPublishMeta(external_node_path_default().join(p.nameDir, cur0)) : undefined;
    if (cur0 && cur0Meta?.bundleDigest === source.digest) {
        timings.total = Date.now() - t0;
        log.info(`${p.link} already points at ${cur0} with digest ${source.digest}: nothing to publish`);
        return {
            ...base,
            version: cur0,
            versionPath: external_node_path_default().join(p.nameDir, cur0),
            previousVersion: await rollbackTarget(p, cur0, cur0Meta.previous),
            changed: false,
            bytesWritten: 0,
            filesLinked: 0,
            filesCopied: 0,
        };
    }
    if (o.dryRun) {
        const files = cur0 && cur0Meta?.publisher.uid === uid ? await readPublishFiles(external_node_path_default().join(p.nameDir, cur0)) : undefined;
        const plan = planCounts(source, files, o.shared);
        timings.total = Date.now() - t0;
        log.info(`dry run: would publish ${source.digest} as a new version, linking ${plan.link} files and copying ${plan.copy} (${plan.bytes} bytes)`);
        return {
            ...base,
            version: versionName(source.digest, now()),
            versionPath: '',
            previousVersion: cur0 ?? '',
            changed: true,
            bytesWritten: plan.bytes,
            filesLinked: plan.link,
            filesCopied: plan.copy,
        };
    }
    await ensureStoreDir(p.storeDir, uid);
    await ensureStoreDir(p.nameDir, uid);
    const lifetime = deps.lockLifetimeSeconds ?? DEFAULT_LOCK_LIFETIME_SECONDS;
    const lock = await log.group('Lock', async () => {
        const t = Date.now();
        const l = await acquireLock(p.lockDir, {
            timeoutSeconds: o.lockTimeoutSeconds,
            lifetimeSeconds: lifetime,
            signal,
            logger: log,
            what: `bundle store '${name}' in ${o.bundlesDir}`,
        });
        timings.lock = Date.now() - t;
        return l;
    });
    let staging;
    try {
        await maintenance_cleanLeftovers(p, lifetime * 1000, log);
        const result = await publishLocked(p, o, source, lock, uid, now, pause, log, timings, signal, (s) => (staging = s));
        staging = undefined;
        let retention;
        if (result.changed) {
            const t = Date.now();
            retention = await log.group('Retention', () => runRetention(p, { keep: o.keep, graceSeconds: o.graceSeconds, nowMs: now().getTime() }, deps.inUse, log));
            timings.retention = Date.now() - t;
            if (retention.skipped)
                warnings.push(retention.skipped);
        }
        timings.total = Date.now() - t0;
        return { ...base, ...result, retention };
    }
    catch (err) {
        if (signal?.aborted && !(err instanceof errors_CancelledError))
            throw new errors_CancelledError('publish cancelled; nothing was switched', undefined, { cause: err });
        throw storeError(err, p);
    }
    finally {
        if (staging)
            await removeTree(staging).catch((e) => log.warning(`could not remove ${staging}: ${String(e)}`));
        await lock.release();
    }
}
async function publishLocked(p, o, source, lock, uid, now, pause, log, timings, signal, onStaging) {
    const by = `${external_node_os_default().userInfo().username}@${external_node_os_default().hostname()}`;
    const current = await currentVersion(p);
    const curDir = current ? external_node_path_default().join(p.nameDir, current) : undefined;
    const curMeta = curDir ? await readPublishMeta(curDir) : undefined;
    if (current && curMeta?.bundleDigest === source.digest) {
        log.info(`${p.link} already points at ${current} (published meanwhile): nothing to publish`);
        return {
            version: current,
            versionPath: curDir,
            previousVersion: await rollbackTarget(p, current, curMeta.previous),
            changed: false,
            bytesWritten: 0,
            filesLinked: 0,
            filesCopied: 0,
        };
    }
    const switchTo = async (version, op) => {
        await pause('before-swap');
        if (signal?.aborted)
            throw new errors_CancelledError('publish cancelled before the switch');
        // The lock may have been taken over (we missed heartbeats for its whole lifetime): then someone else is
        // publishing and must not be raced. The version directory stays; the next run can use or collect it.
        if (!(await lock.stillHeld()))
            throw new errors_BundleError(`lost the lock of ${p.nameDir} before switching ${p.link}; nothing was switched`, 'publish again');
        const t = Date.now();
        await swapLink(p, version);
        await pause('after-swap');
        // Published from here on: a history that cannot be written (disk full) only loses the rollback hint.
        await appendHistory(p, { time: now().toISOString(), version, op, by }).catch((e) => log.warning(`${p.link} -> ${version}, but the history could not be written: ${String(e)}`));
        timings.swap = Date.now() - t;
    };
    // The same bundle as a kept older version: point at it again (after checking it is intact).
    for (const v of (await listVersionNames(p)).reverse()) {
        if (!v.endsWith(source.digest.slice(7, 19)))
            continue;
        const dir = external_node_path_default().join(p.nameDir, v);
        const meta = await readPublishMeta(dir);
        const files = meta?.bundleDigest === source.digest && meta.shared === o.shared ? await readPublishFiles(dir) : undefined;
        if (!files)
            continue;
        checkVersionTree(dir, files);
        await switchTo(v, 'repoint');
        log.info(`${p.link} -> ${v} again (the same bundle was published before); nothing copied`);
        return { version: v, versionPath: dir, previousVersion: current ?? '', changed: true, bytesWritten: 0, filesLinked: 0, filesCopied: 0 };
    }
    const version = versionName(source.digest, now());
    const versionDir = external_node_path_default().join(p.nameDir, version);
    const staging = external_node_path_default().join(p.nameDir, stagingName());
    await (0,promises_namespaceObject.mkdir)(staging, { mode: 0o700 });
    onStaging(staging);
    let t = Date.now();
    const linkSource = await chooseLinkSource(p, current, uid, log);
    timings.prepare = Date.now() - t;
    const tree = await log.group('Write new version', async () => {
        const t = Date.now();
        const onProgress = o.onProgress;
        const r = await writeTree({
            source,
            staging,
            current: linkSource,
            shared: o.shared,
            uid,
            signal,
            midway: () => pause('during-copy'),
            onProgress: onProgress && ((p) => onProgress({ ...p, phase: 'write' })),
        });
        timings.write = Date.now() - t;
        for (const [k, v] of Object.entries(r.timingsMs))
            timings[`write.${k}`] = v;
        const from = linkSource ? external_node_path_default().basename(linkSource.dir) : '(no earlier version)';
        log.info(`${r.filesLinked} files hard-linked from ${from}, ${r.filesCopied} copied (${r.bytesCopied} bytes)`);
        if (r.linkSourcesRejected > 0)
            log.warning(`${r.linkSourcesRejected} paths of ${from} differ from its publish.files (changed by hand?): copied from the bundle instead of linked`);
        return r;
    });
    t = Date.now();
    const fileMode = o.shared ? 0o444 : 0o400;
    const filesText = formatManifest(tree.published);
    // Synchronous: four small files, each a few calls that take microseconds (a thread-pool round trip each costs more).
    const put = (file, data) => {
        const f = external_node_path_default().join(staging, file);
        external_node_fs_namespaceObject.writeFileSync(f, data, { mode: fileMode, flag: 'wx' });
        external_node_fs_namespaceObject.chmodSync(f, fileMode); // open() applied the umask
        return Buffer.byteLength(data);
    };
    let bytesWritten = tree.bytesCopied;
    bytesWritten += put('config.json', source.config);
    bytesWritten += put(LOCKFILE_NAME, source.lockText);
    bytesWritten += put(PUBLISH_FILES, filesText);
    const meta = {
        formatVersion: 1,
        name: p.name,
        version,
        bundleDigest: source.digest,
        treeDigest: source.lock.rootfs.treeDigest,
        publishedTreeDigest: tree.publishedTreeDigest,
        shared: o.shared,
        files: source.lock.rootfs.files,
        bytes: source.lock.rootfs.bytes,
        bytesWritten: 0,
        filesLinked: tree.filesLinked,
        filesCopied: tree.filesCopied,
        previous: current ?? '',
        published: now().toISOString(),
        publisher: { user: external_node_os_default().userInfo().username, uid, host: external_node_os_default().hostname(), pid: process.pid },
        source: source.dir,
        ci: ciProvenance(),
    };
    const metaText = (n) => `${JSON.stringify({ ...meta, bytesWritten: n }, null, 2)}\n`;
    // publish.json counts its own bytes: a fixed point reached in at most two steps.
    let total = bytesWritten;
    for (let k = 0; k < 3; k++)
        total = bytesWritten + Buffer.byteLength(metaText(total));
    put(PUBLISH_META, metaText(total));
    bytesWritten = total;
    await (0,promises_namespaceObject.chmod)(staging, o.shared ? 0o555 : 0o500);
    if (signal?.aborted)
        throw new errors_CancelledError('publish cancelled before the new version was complete');
    await (0,promises_namespaceObject.rename)(staging, versionDir);
    timings.metadata = Date.now() - t;
    onStaging(undefined);
    log.info(`version ${version} complete (${bytesWritten} bytes written)`);
    await switchTo(version, 'publish');
    log.info(`${p.link} -> ${version}`);
    return {
        version,
        versionPath: versionDir,
        previousVersion: current ?? '',
        changed: true,
        bytesWritten,
        filesLinked: tree.filesLinked,
        filesCopied: tree.filesCopied,
    };
}
/** The previous version as list and rollback see it (history first), '' when there is none. */
async function rollbackTarget(p, current, metaPrevious) {
    return previousVersion(await readHistory(p), current, new Set(await listVersionNames(p)), metaPrevious) ?? '';
}
/**
 * The version new files are hard-linked from: the current one, else (current missing or damaged) the newest complete
 * one. Only versions this user published: their files are ours, so links need no privilege and the new version has
 * one owner.
 */
async function chooseLinkSource(p, current, uid, log) {
    const candidates = [...new Set([...(current ? [current] : []), ...(await listVersionNames(p)).reverse()])];
    for (const v of candidates) {
        const dir = external_node_path_default().join(p.nameDir, v);
        const meta = await readPublishMeta(dir);
        if (!meta)
            continue;
        if (meta.publisher.uid !== uid) {
            log.info(`version ${v} was published by uid ${meta.publisher.uid}: copying every file instead of linking`);
            return undefined;
        }
        const index = await LinkIndex.read(dir);
        if (index)
            return { dir, index };
    }
    return undefined;
}
/** Turns a file-system error of the store into one actionable BundleError; eda-oci's own errors pass through. */
function storeError(err, p) {
    if (err instanceof errors_EdaOciError)
        return err;
    const code = err?.code;
    const msg = err instanceof Error ? err.message : String(err);
    switch (code) {
        case 'ENOSPC':
        case 'EDQUOT':
            return new errors_BundleError(`no space left in ${p.bundlesDir} (${code}) while writing a new version of ${p.name}; nothing was switched, ${p.link} is unchanged`, `free space there (eda-oci gc --bundles-dir ${p.bundlesDir} removes old versions) and publish again`, { cause: err });
        case 'EACCES':
        case 'EPERM':
        case 'EROFS':
            return new errors_BundleError(`permission denied (${code}) writing to ${p.nameDir}; nothing was switched`, 'publish as the owner of the bundles dir, on a writable file system', { cause: err });
        default:
            return code ? new errors_BundleError(`publishing ${p.name} failed: ${msg}; nothing was switched`, 'publish again', { cause: err }) : err;
    }
}

;// CONCATENATED MODULE: ./packages/store/src/index.ts
// Public surface of @eda-oci/store: the shared-filesystem bundle store (publish, list, rollback, gc) and its parts.











;// CONCATENATED MODULE: ./packages/cli/src/commands/gc.ts
// `eda-oci gc`: delete published versions beyond --keep, never current, previous, recent or in use by Slurm jobs.



const gc_HELP = `Usage: eda-oci gc --bundles-dir DIR [--name NAME] [options]

Deletes versions beyond the newest KEEP of each name. Never deleted: the current version, the previous one (the
rollback target), versions replaced less than GRACE seconds ago, and versions a queued or running Slurm job uses
(asked with squeue; without squeue gc refuses unless --ignore-slurm). A version is renamed to a trash name first.

Options:
  --bundles-dir DIR            the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME                  only this name (default: every name)
  --keep N                     versions to keep per name (default 5)
  --grace-seconds N            keep versions replaced less than N s ago (default 3600)
  --ignore-slurm               do not ask Slurm (only when no Slurm job can use this bundles dir)
  --dry-run                    print what would be deleted; delete nothing
  --lock-timeout-seconds N     give up waiting for a publisher after N s (default 600)
  --json                       one JSON object on stdout: {"dry-run", "names": [{name, deleted, kept}, ...]}
  -v, --verbose                debug logging
  -h, --help                   this help

Output: per name a line 'NAME: deleted V1 V2' (or 'would delete' with --dry-run) and a line per kept version with
the reasons it was kept (current, previous, recent, in-use, keep).

Exit codes: 0 done (also when nothing was deleted), 1 failed (e.g. squeue unavailable without --ignore-slurm),
2 usage error, 130 cancelled.`;
const gc_OPTIONS = {
    'bundles-dir': { type: 'string' },
    name: { type: 'string' },
    keep: { type: 'string' },
    'grace-seconds': { type: 'string' },
    'ignore-slurm': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'lock-timeout-seconds': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
};
const gcCommand = {
    name: 'gc',
    summary: 'delete old versions (never current, previous, recent or in use)',
    options: gc_OPTIONS,
    help: gc_HELP,
    async run(args, { out }) {
        const v = parseCommandLine('gc', args, gc_OPTIONS, gc_HELP, out);
        if (!v)
            return EXIT.ok;
        const logger = createConsoleLogger({ verbose: v.verbose });
        const results = await gcStore({
            bundlesDir: bundlesDirOption('gc', v['bundles-dir']),
            name: v.name,
            keep: intOption('gc', 'keep', v.keep, 1, 10_000) ?? 5,
            graceSeconds: intOption('gc', 'grace-seconds', v['grace-seconds'], 0, 10 ** 9),
            ignoreSlurm: v['ignore-slurm'],
            dryRun: v['dry-run'],
            lockTimeoutSeconds: intOption('gc', 'lock-timeout-seconds', v['lock-timeout-seconds'], 0, 86_400),
        }, { logger });
        if (v.json) {
            out.write(`${JSON.stringify({ 'dry-run': v['dry-run'] === true, names: results })}\n`);
            return EXIT.ok;
        }
        for (const r of results) {
            out.write(`${r.name}: ${v['dry-run'] ? 'would delete' : 'deleted'} ${r.deleted.length ? r.deleted.join(' ') : 'nothing'}\n`);
            for (const k of r.kept)
                out.write(`  kept ${k.version} (${k.reasons.join(', ')})\n`);
        }
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/list.ts
// `eda-oci list`: the published versions of one or every bundle name, with current, previous and in-use marks.



const list_HELP = `Usage: eda-oci list --bundles-dir DIR [--name NAME] [options]

Lists the versions published under BUNDLES-DIR (newest first): size, bytes written when published, files linked,
when and by whom, and which is current, previous (the rollback target) and in use by a queued or running Slurm job.

Options:
  --bundles-dir DIR   the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME         only this name (default: every name)
  --no-slurm          do not ask Slurm which versions jobs use
  --json              one JSON object on stdout: {names: [{name, path, current, versions: [...]}], slurm}
  -v, --verbose       debug logging
  -h, --help          this help

Output: per name a line 'NAME -> CURRENT-VERSION (PATH)', then one line per version: version, size, bytes written,
files linked, when and by whom it was published, and marks [current, previous, in use].

Exit codes: 0 listed (also when nothing is published), 1 failed, 2 usage error, 130 cancelled.`;
const list_OPTIONS = {
    'bundles-dir': { type: 'string' },
    name: { type: 'string' },
    'no-slurm': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
};
const listCommand = {
    name: 'list',
    summary: 'published versions: current, previous, in use, sizes',
    options: list_OPTIONS,
    help: list_HELP,
    async run(args, { out }) {
        const v = parseCommandLine('list', args, list_OPTIONS, list_HELP, out);
        if (!v)
            return EXIT.ok;
        const logger = createConsoleLogger({ verbose: v.verbose, quiet: true });
        const r = await listStore({ bundlesDir: bundlesDirOption('list', v['bundles-dir']), name: v.name, slurm: !v['no-slurm'] }, { logger });
        if (v.json) {
            out.write(`${JSON.stringify(r)}\n`);
            return EXIT.ok;
        }
        if (r.slurm)
            process.stderr.write(`warning: in-use marks unknown: ${r.slurm}\n`);
        for (const n of r.names) {
            out.write(`${n.name} -> ${n.current ?? '(nothing)'}  (${n.path})\n`);
            for (const ver of n.versions) {
                const marks = [ver.current && 'current', ver.previous && 'previous', ver.inUse && 'in use'].filter(Boolean).join(', ');
                const m = ver.meta;
                const cols = [
                    ver.version.padEnd(30),
                    (m ? formatBytes(m.bytes) : '?').padStart(10),
                    (m ? `${formatBytes(m.bytesWritten)} written` : '').padStart(18),
                    (m ? `${m.filesLinked} linked` : '').padStart(13),
                    `  ${m ? `${m.published.slice(0, 19)}Z by ${m.publisher.user}@${m.publisher.host}` : '(no publish.json)'}`,
                    marks ? `  [${marks}]` : '',
                ];
                out.write(`  ${cols.join(' ')}\n`);
            }
        }
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/test.ts
// `eda-oci test`: runs a bundle's tests with runc, the same library call as actions/test-bundle-runc.





const test_HELP = `Usage: eda-oci test --bundle DIR (--tests FILE | --run CMD) [options]

Runs tests inside an OCI bundle with runc, each in its own container whose root is the bundle's rootfs, read-only;
the bundle is never modified. Refuses runc versions with known container-breakout CVEs (runc < 1.1.12,
CVE-2024-21626) unless --allow-vulnerable-runc.

Options:
  --bundle DIR              the bundle (config.json + rootfs/)  (required)
  --tests FILE              YAML list of tests: name, run (sh -c) or args (list), expect-exit (0),
                            expect-stdout / expect-stderr (regex), timeout-seconds
  --run CMD                 one test: CMD run with /bin/sh -c, expected to exit 0
  --timeout-seconds N       default per-test timeout (default 60)
  --runc PATH               runc program (default: runc in PATH)
  --root DIR                runc state directory (default: a private temporary one, removed afterwards)
  --junit-file F            also write a JUnit XML report to F
  --allow-vulnerable-runc   run even with a runc that has known breakout CVEs (warns)
  --json                    print the results as one JSON object on stdout: {passed, failed, total, report, tests}
  -v, --verbose             debug logging
  -h, --help                this help

Output: a table on stdout (test, status, seconds, detail of a failure), then passed=, failed=, total= and report=
(the JUnit file, '' without --junit-file).

Exit codes: 0 all tests passed, 1 a test failed (or an error), 2 usage error, 130 cancelled.`;
const test_OPTIONS = {
    bundle: { type: 'string' },
    tests: { type: 'string' },
    run: { type: 'string' },
    'timeout-seconds': { type: 'string' },
    runc: { type: 'string' },
    root: { type: 'string' },
    'junit-file': { type: 'string' },
    'allow-vulnerable-runc': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
};
const testCommand = {
    name: 'test',
    summary: 'run tests inside a bundle with runc (read-only, one container per test)',
    options: test_OPTIONS,
    help: test_HELP,
    async run(args, { out, signal }) {
        const v = parseCommandLine('test', args, test_OPTIONS, test_HELP, out);
        if (!v)
            return EXIT.ok;
        if (!v.bundle)
            throw usageError('test', '--bundle is required');
        if ((v.tests === undefined) === (v.run === undefined)) {
            throw usageError('test', v.tests === undefined ? 'give --tests FILE or --run CMD' : 'give either --tests or --run, not both');
        }
        const defaults = { timeoutSeconds: intOption('test', 'timeout-seconds', v['timeout-seconds'], 1, MAX_TIMEOUT_SECONDS) ?? 60 };
        let tests;
        if (v.tests !== undefined) {
            let text;
            try {
                text = await (0,promises_namespaceObject.readFile)(v.tests, 'utf8');
            }
            catch (err) {
                throw new errors_ConfigurationError(`cannot read --tests file '${v.tests}': ${err.code}`, 'give a readable YAML file');
            }
            tests = parseTestSpec(text, v.tests, defaults);
        }
        else
            tests = [testFromRun(v.run, defaults)];
        const logger = createConsoleLogger({ verbose: v.verbose });
        const result = await runBundleTests({
            bundle: v.bundle,
            tests,
            runc: v.runc,
            root: v.root,
            allowVulnerableRunc: v['allow-vulnerable-runc'],
            hints: { allowVulnerable: '--allow-vulnerable-runc', runc: '--runc' },
            signal,
        }, { logger });
        const report = v['junit-file']
            ? await writeJUnitFile(v['junit-file'], {
                name: external_node_path_default().basename(result.bundle),
                results: result.results,
                timestamp: result.startedAt,
                properties: { bundle: result.bundle, runc: result.runc.version.version },
            })
            : '';
        if (v.json) {
            out.write(`${JSON.stringify({ passed: result.passed, failed: result.failed, total: result.total, report, tests: result.results })}\n`);
        }
        else {
            const width = Math.max(4, ...result.results.map((r) => r.name.length));
            out.write(`${'TEST'.padEnd(width)}  STATUS  SECONDS  DETAIL\n`);
            for (const r of result.results) {
                const detail = describeFailure(r);
                out.write(`${r.name.padEnd(width)}  ${r.status.padEnd(6)}  ${(r.durationMs / 1000).toFixed(2).padStart(7)}  ${detail}\n`);
            }
            out.write(`passed=${result.passed}\nfailed=${result.failed}\ntotal=${result.total}\nreport=${report}\n`);
        }
        return result.failed === 0 ? EXIT.ok : EXIT.failed;
    },
};

;// CONCATENATED MODULE: ./packages/slurm/src/parse.ts
// Parsers of Slurm client output (sbatch --parsable, squeue -o, scontrol -o show job, sacct -P) and Slurm value
// formats (exit codes "3:0", durations "1-02:03:04"). Pure functions; fixtures in test/fixtures/slurm.
/** The squeue format {@link parseSqueue} reads: id, state, reason, nodes, time used, comment (last: it may contain '|'). */
const SQUEUE_FORMAT = '%i|%T|%r|%N|%M|%k';
/** Parses `squeue -h -o SQUEUE_FORMAT` output; malformed lines are skipped. */
function parseSqueue(text) {
    const out = [];
    for (const line of text.split('\n')) {
        const f = line.split('|');
        if (f.length < 6 || !/^\d+(_\d+)?$/.test(f[0].trim()))
            continue;
        out.push({
            jobId: f[0].trim(),
            state: f[1].trim(),
            reason: f[2].trim(),
            nodes: f[3].trim(),
            elapsedSeconds: parseDuration(f[4].trim()) ?? 0,
            comment: f.slice(5).join('|').trim(),
        });
    }
    return out;
}
/** `sbatch --parsable` prints "JOBID" or "JOBID;CLUSTER". */
function parseSbatchParsable(stdout) {
    const line = stdout
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /^\d+(;\S+)?$/.test(l));
    return line?.split(';')[0];
}
/**
 * Parses one record of `scontrol -o show job` (key=value pairs on one line) into a map. Values may contain spaces
 * (Command, WorkDir, Comment): a new pair starts only where a space precedes `Key=` with a known key shape.
 */
function parseScontrolRecord(line) {
    const out = {};
    const re = /(?:^|\s)([A-Za-z][A-Za-z0-9_/:]*)=/g;
    const starts = [];
    for (let m = re.exec(line); m; m = re.exec(line)) {
        starts.push({ key: m[1], at: m.index, valueAt: m.index + m[0].length });
    }
    starts.forEach((s, i) => {
        const end = i + 1 < starts.length ? starts[i + 1].at : line.length;
        if (!(s.key in out))
            out[s.key] = line.slice(s.valueAt, end).trim();
    });
    return out;
}
/** Slurm exit code "EXIT:SIGNAL" (e.g. "3:0", "0:15") -> numbers. */
function parseExitCode(text) {
    const m = /^(\d+):(\d+)$/.exec((text ?? '').trim());
    return m ? { exitCode: Number(m[1]), signal: Number(m[2]) } : { exitCode: 0, signal: 0 };
}
/** Slurm durations "SS", "MM:SS", "HH:MM:SS", "D-HH", "D-HH:MM", "D-HH:MM:SS" -> seconds; undefined if not one. */
function parseDuration(text) {
    const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(text.trim());
    if (!m)
        return undefined;
    const [, d, a, b, c] = m;
    const days = Number(d ?? 0);
    let h = 0;
    let min = 0;
    let s = 0;
    if (d !== undefined) {
        // D-HH[:MM[:SS]]
        h = Number(a);
        min = Number(b ?? 0);
        s = Number(c ?? 0);
    }
    else if (c !== undefined) {
        h = Number(a);
        min = Number(b);
        s = Number(c);
    }
    else if (b !== undefined) {
        min = Number(a);
        s = Number(b);
    }
    else {
        s = Number(a);
    }
    return ((days * 24 + h) * 60 + min) * 60 + s;
}
/** Parses the `scontrol -o show job` output (one record per line) into {@link JobDetails} per job id. */
function parseScontrolJobs(text) {
    const out = new Map();
    for (const line of text.split('\n')) {
        if (!line.startsWith('JobId='))
            continue;
        const r = parseScontrolRecord(line);
        const { exitCode, signal } = parseExitCode(r.ExitCode);
        out.set(r.JobId, {
            jobId: r.JobId,
            state: (r.JobState ?? 'UNKNOWN').split(/\s/)[0],
            reason: r.Reason ?? '',
            exitCode,
            signal,
            elapsedSeconds: parseDuration(r.RunTime ?? '') ?? 0,
            nodes: r.NodeList && r.NodeList !== '(null)' ? r.NodeList : '',
            restarts: Number(r.Restarts ?? 0) || 0,
            source: 'scontrol',
        });
    }
    return out;
}
/** The sacct fields {@link parseSacct} reads (with -n -P -X). */
const SACCT_FIELDS = 'JobID,State,ExitCode,ElapsedRaw,NodeList,Reason';
/** Parses `sacct -n -P -X -o SACCT_FIELDS` output; "CANCELLED by 1002" yields cancelledBy "1002". */
function parseSacct(text) {
    const out = new Map();
    for (const line of text.split('\n')) {
        const f = line.split('|');
        if (f.length < 5 || !/^\d+/.test(f[0]))
            continue;
        const jobId = f[0].split('.')[0];
        const m = /^(\S+)(?: by (\S+))?/.exec(f[1].trim());
        const { exitCode, signal } = parseExitCode(f[2]);
        out.set(jobId, {
            jobId,
            state: m?.[1] ?? 'UNKNOWN',
            cancelledBy: m?.[2],
            reason: (f[5] ?? '').trim(),
            exitCode,
            signal,
            elapsedSeconds: Number(f[3]) || 0,
            nodes: f[4].trim() === 'None assigned' ? '' : f[4].trim(),
            restarts: 0,
            source: 'sacct',
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./packages/slurm/src/commands.ts
// The Slurm client commands eda-oci runs (sbatch, squeue, scontrol, sacct, scancel), through @eda-oci/exec with
// timeouts, and the classification of their failures: a controller that does not answer is transient (retry, do
// not decide anything), everything else is an answer.


// What Slurm clients print when slurmctld (or the network to it) is down, restarting or overloaded. They retry for
// several seconds themselves (squeue ~8 s, sbatch/scancel ~4 s here) before giving up with one of these.
const TRANSIENT = /Unable to contact slurm controller|Socket timed out|Connection refused|connect failure|Zero Bytes were transmitted|Transport endpoint|temporarily unable|Resource temporarily unavailable|backup controller|Communication connection failure|Slurm controller not responding|timed out after/i;
/** True when a failed Slurm command says the controller is unreachable or busy (try again later). */
function isTransient(err) {
    if (!(err instanceof errors_CommandFailedError))
        return false;
    return TRANSIENT.test(err.stderr) || TRANSIENT.test(err.message);
}
/**
 * Typed wrappers of the Slurm client commands; each call is one process. Controller RPCs on Slurm 22.05 (sdiag):
 * squeue --local = job info + partition info, scontrol --local show job ID = one job info; without --local both add
 * a federation lookup.
 */
class commands_SlurmCommands {
    opts;
    counts = { squeue: 0, scontrol: 0, sacct: 0, sbatch: 0, scancel: 0 };
    run;
    timeoutMs;
    /** undefined until the first sacct call tells whether accounting is configured. */
    accounting;
    constructor(opts = {}) {
        this.opts = opts;
        this.run = opts.run ?? runCommand;
        this.timeoutMs = opts.timeoutMs ?? 30_000;
    }
    exec(cmd, args, extra = {}) {
        this.counts[cmd]++;
        return this.run(cmd, args, {
            timeoutMs: this.timeoutMs,
            logger: this.opts.logger,
            quiet: cmd === 'squeue' || cmd === 'scontrol' || cmd === 'sacct',
            env: extra.env ?? this.opts.env,
            input: extra.input,
            okExitCodes: extra.okExitCodes,
        });
    }
    /** `sbatch --parsable ARGS` with the job script on stdin; returns sbatch's stdout. */
    async sbatch(args, script, env) {
        return (await this.exec('sbatch', ['--parsable', ...args], { input: script, env })).stdout;
    }
    /**
     * One `squeue` for the given jobs (all states, so finished jobs still in slurmctld's memory are included). Jobs
     * that slurmctld no longer knows are simply absent. An empty list queries nothing.
     */
    async squeue(jobIds) {
        if (!jobIds.length)
            return [];
        // squeue exits 1 with "Invalid job id specified" when none of the ids is known any more.
        // --local: no federation lookup (one RPC fewer per poll; eda-oci submits to the local cluster).
        const r = await this.exec('squeue', ['--local', '-h', '-t', 'all', '-j', jobIds.join(','), '-o', SQUEUE_FORMAT], {
            okExitCodes: [0, 1],
        });
        if (r.exitCode === 1) {
            if (/Invalid job id/i.test(r.stderr))
                return [];
            throw new errors_CommandFailedError(`squeue failed: ${r.stderr.trim()}`, 'squeue', [], 1, null, r.stderr);
        }
        return parseSqueue(r.stdout);
    }
    /** The calling user's jobs whose comment is exactly `comment` (finding a submission whose answer was lost). */
    async findByComment(comment) {
        const r = await this.exec('squeue', ['--local', '-h', '--me', '-t', 'all', '-o', SQUEUE_FORMAT]);
        return parseSqueue(r.stdout).filter((e) => e.comment === comment);
    }
    /** `scontrol -o show job [ID]`: details of one job (or of all jobs when several are needed at once). */
    async scontrolJobs(jobIds) {
        const args = ['--local', '-o', 'show', 'job'];
        if (jobIds.length === 1)
            args.push(jobIds[0]);
        const r = await this.exec('scontrol', args, { okExitCodes: [0, 1] });
        if (r.exitCode === 1) {
            if (/Invalid job id/i.test(r.stderr))
                return new Map();
            throw new errors_CommandFailedError(`scontrol show job failed: ${r.stderr.trim()}`, 'scontrol', args, 1, null, r.stderr);
        }
        const all = parseScontrolJobs(r.stdout);
        return new Map([...all].filter(([id]) => jobIds.includes(id)));
    }
    /** `sacct` details when accounting is configured; an empty map (and `accounting` false) otherwise. */
    async sacctJobs(jobIds) {
        if (this.accounting === false || !jobIds.length)
            return new Map();
        const r = await this.exec('sacct', ['-n', '-P', '-X', '-j', jobIds.join(','), '-o', SACCT_FIELDS], { okExitCodes: [0, 1] });
        if (/accounting storage is disabled/i.test(r.stdout + r.stderr)) {
            this.accounting = false;
            return new Map();
        }
        if (r.exitCode !== 0)
            return new Map();
        this.accounting = true;
        return parseSacct(r.stdout);
    }
    /**
     * `scancel IDS`. Jobs that already ended are fine (scancel reports them as errors: "already completing or
     * completed", "Invalid job id"); a controller outage is thrown (transient) so the caller can retry.
     */
    async scancel(jobIds) {
        if (!jobIds.length)
            return;
        const r = await this.exec('scancel', [...jobIds], { okExitCodes: [0, 1, 8, 255] });
        if (r.exitCode === 0)
            return;
        const lines = r.stderr.split('\n').filter((l) => l.trim());
        const real = lines.filter((l) => !/already completing or completed|Invalid job id|Job has already finished/i.test(l));
        if (real.length)
            throw new errors_CommandFailedError(`scancel failed: ${real[0].trim()}`, 'scancel', [...jobIds], r.exitCode, null, r.stderr);
    }
}

;// CONCATENATED MODULE: ./packages/slurm/src/errors.ts
// SlurmJobError: a job that eda-oci submitted did not succeed; carries what is known about it for outputs and summaries.

/** The job ran (or was submitted) and did not succeed: failed, cancelled, timed out, lost, not inside the container. */
class SlurmJobError extends errors_EdaOciError {
    result;
    name = 'SlurmJobError';
    constructor(message, 
    /** What is known about the job (job id, final state, exit code, output tail...). */
    result, hint) {
        super(message, hint);
        this.result = result;
    }
}

;// CONCATENATED MODULE: ./packages/slurm/src/states.ts
/** States in which a job will still change (squeue -t all names). REQUEUE*: Slurm puts the job back in the queue. */
const ACTIVE = new Set([
    'PENDING',
    'CONFIGURING',
    'RUNNING',
    'COMPLETING',
    'SUSPENDED',
    'STOPPED',
    'SIGNALING',
    'STAGE_OUT',
    'RESIZING',
    'REQUEUED',
    'REQUEUE_FED',
    'REQUEUE_HOLD',
    'RESV_DEL_HOLD',
    'SPECIAL_EXIT',
]);
/**
 * Pending reasons that mean the job will not start without a person: Slurm failed to launch it and held it (e.g. the
 * bundle is missing on the node: "launch_failed_requeued_held"). eda-oci treats them as the end of its run.
 */
const STUCK_REASONS = /^(launch_failed_requeued_held|JobHeldAdmin|BadConstraints|PartitionDown|PartitionInactive|InvalidAccount|InvalidQOS)$/i;
/** True while the job can still change state. */
function states_isActiveState(state) {
    return ACTIVE.has(state.toUpperCase());
}
/** True when a pending job will not start by itself (see STUCK_REASONS); the reason is the explanation. */
function isStuck(state, reason) {
    if (/^(REQUEUE_HOLD|SPECIAL_EXIT)$/i.test(state))
        return true;
    return /^PENDING$/i.test(state) && STUCK_REASONS.test(reason);
}
function sig(n) {
    const names = {
        1: 'SIGHUP',
        2: 'SIGINT',
        6: 'SIGABRT',
        9: 'SIGKILL',
        11: 'SIGSEGV',
        13: 'SIGPIPE',
        15: 'SIGTERM',
    };
    return names[n] ? `${names[n]} (${n})` : `signal ${n}`;
}
/** Maps a final job state (with exit code, signal and reason) to an explicit outcome. */
function outcomeOf(d, cancelledByUs = false) {
    const state = d.state.toUpperCase();
    const where = d.nodes ? ` on ${d.nodes}` : '';
    switch (state) {
        case 'COMPLETED':
            return d.exitCode === 0 && d.signal === 0
                ? { success: true, kind: 'completed', message: `completed${where} with exit code 0` }
                : {
                    success: false,
                    kind: 'failed',
                    message: `completed${where} but with exit code ${d.exitCode}${d.signal ? `, ${sig(d.signal)}` : ''}`,
                };
        case 'FAILED':
            return {
                success: false,
                kind: 'failed',
                message: d.signal
                    ? `failed${where}: killed by ${sig(d.signal)}`
                    : `failed${where} with exit code ${d.exitCode}${d.reason && d.reason !== 'NonZeroExitCode' && d.reason !== 'None' ? ` (${d.reason})` : ''}`,
            };
        case 'CANCELLED':
            return {
                success: false,
                kind: 'cancelled',
                message: cancelledByUs
                    ? 'cancelled by eda-oci (the run was cancelled or timed out)'
                    : d.cancelledBy
                        ? `cancelled by uid ${d.cancelledBy}`
                        : 'cancelled (by a user or an administrator; who is not recorded without accounting)',
            };
        case 'TIMEOUT':
            return { success: false, kind: 'timeout', message: `hit its time limit${where} and was killed` };
        case 'OUT_OF_MEMORY':
            return { success: false, kind: 'out-of-memory', message: `ran out of memory${where}` };
        case 'NODE_FAIL':
            return { success: false, kind: 'node-fail', message: `ended by a node failure${where}` };
        case 'PREEMPTED':
            return { success: false, kind: 'preempted', message: `was preempted${where} and not requeued` };
        case 'BOOT_FAIL':
            return { success: false, kind: 'boot-fail', message: `could not start: node boot failure${where}` };
        case 'DEADLINE':
            return { success: false, kind: 'deadline', message: 'missed its deadline (--deadline) and was cancelled' };
        case 'REVOKED':
            return { success: false, kind: 'revoked', message: 'was revoked (it runs on another cluster of the federation)' };
        default:
            if (isStuck(state, d.reason)) {
                return { success: false, kind: 'stuck', message: `cannot start: ${state} with reason ${d.reason}` };
            }
            return { success: false, kind: 'unknown', message: `ended in state ${d.state || 'UNKNOWN'}, which eda-oci does not know` };
    }
}

;// CONCATENATED MODULE: ./packages/slurm/src/monitor.ts
// Waiting for Slurm jobs to end without hammering slurmctld: one squeue for all watched jobs per poll, an interval
// that starts short (trivial jobs end within a second) and settles below 1 s (the end is seen within 1 s of Slurm
// knowing it), capped exponential backoff while the controller does not answer (no outcome is declared then), and
// final details from sacct (when accounting exists) or scontrol, fetched once per poll for all jobs that ended.



/** Sleeps `ms`, resolving early (not rejecting) when `signal` aborts. */
function delay(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
/** Poll interval after `elapsedMs` of watching: 250 ms for 3 s, 500 ms to 15 s, then 800 ms. */
function pollInterval(elapsedMs) {
    if (elapsedMs < 3_000)
        return 250;
    if (elapsedMs < 15_000)
        return 500;
    return 800;
}
/** Backoff after `failures` consecutive controller errors: 1, 2, 4, then 5 s. */
function backoff(failures) {
    return Math.min(1000 * 2 ** Math.max(0, failures - 1), 5000);
}
function fromQueue(q, restarts) {
    return {
        jobId: q.jobId,
        state: q.state,
        reason: q.reason,
        exitCode: 0,
        signal: 0,
        elapsedSeconds: q.elapsedSeconds,
        nodes: q.nodes,
        restarts,
        source: 'squeue',
    };
}
/** Thrown by {@link JobMonitor.wait} when the deadline passes; the jobs are still running. */
class MonitorTimeout extends Error {
    name = 'MonitorTimeout';
}
/** Watches a set of jobs until each reaches a final state; one squeue per poll for all of them. */
class JobMonitor {
    commands;
    logger;
    sleep;
    now;
    /** Restart count of jobs seen requeued. */
    restarts = new Map();
    constructor(commands, logger = logger_silentLogger, sleep = delay, now = Date.now) {
        this.commands = commands;
        this.logger = logger;
        this.sleep = sleep;
        this.now = now;
    }
    /** Waits until every job ended; returns final details per job id (state UNKNOWN when Slurm forgot the job). */
    async wait(jobIds, opts = {}) {
        const started = this.now();
        const pending = new Set(jobIds);
        const results = new Map();
        const last = new Map();
        let failures = 0;
        while (pending.size) {
            if (opts.signal?.aborted)
                throw new errors_CancelledError('waiting for the Slurm job was cancelled');
            if (opts.deadline !== undefined && this.now() >= opts.deadline)
                throw new MonitorTimeout('deadline reached');
            let entries;
            try {
                entries = await this.commands.squeue([...pending]);
                if (failures)
                    this.logger.info(`slurmctld answers again after ${failures} failed quer${failures === 1 ? 'y' : 'ies'}`);
                failures = 0;
            }
            catch (err) {
                if (!isTransient(err))
                    throw err;
                failures++;
                if (failures === 1 || failures % 5 === 0) {
                    this.logger.warning(`slurmctld does not answer (${err.message.split('\n')[0]}); still waiting, retrying with backoff`);
                }
                await this.sleep(backoff(failures), opts.signal);
                continue;
            }
            const byId = new Map(entries.map((e) => [e.jobId, e]));
            const ended = [];
            for (const id of pending) {
                const e = byId.get(id);
                if (!e) {
                    ended.push(id);
                    continue;
                }
                const prev = last.get(id);
                if (!prev || prev.state !== e.state || prev.reason !== e.reason)
                    opts.onChange?.({ jobId: id, entry: e, previous: prev });
                last.set(id, e);
                if (!states_isActiveState(e.state) || isStuck(e.state, e.reason))
                    ended.push(id);
            }
            if (ended.length) {
                const details = await this.details(ended, byId, opts.signal);
                for (const id of ended) {
                    const d = details.get(id);
                    if (states_isActiveState(d.state) && !isStuck(d.state, d.reason)) {
                        // squeue saw an end (e.g. NODE_FAIL) but the job is already back in the queue: follow the requeue.
                        this.restarts.set(id, d.restarts);
                        opts.onRequeue?.(d);
                        continue;
                    }
                    results.set(id, d);
                    pending.delete(id);
                }
            }
            await opts.onPoll?.();
            if (pending.size)
                await this.sleep((opts.interval ?? pollInterval)(this.now() - started), opts.signal);
        }
        return results;
    }
    /**
     * Final details of jobs squeue saw end (or no longer lists): squeue alone for COMPLETED, else sacct when accounting
     * exists (its state must agree: slurmdbd lags), else scontrol (one call for all), else what squeue said, else UNKNOWN.
     */
    async details(ids, seen, signal) {
        let failures = 0;
        for (;;) {
            try {
                const out = new Map();
                // COMPLETED means every exit code was 0: squeue said all there is to know, no further query.
                for (const id of ids) {
                    const q = seen.get(id);
                    if (q?.state === 'COMPLETED')
                        out.set(id, fromQueue(q, this.restarts.get(id) ?? 0));
                }
                const need = ids.filter((id) => !out.has(id));
                if (!need.length)
                    return out;
                const acct = await this.commands.sacctJobs(need);
                for (const id of need) {
                    const a = acct.get(id);
                    const q = seen.get(id);
                    if (a && !states_isActiveState(a.state) && (!q || q.state === a.state))
                        out.set(id, a);
                }
                const rest = need.filter((id) => !out.has(id));
                const sc = rest.length ? await this.commands.scontrolJobs(rest) : new Map();
                for (const id of rest) {
                    const s = sc.get(id);
                    const q = seen.get(id);
                    if (s)
                        out.set(id, s);
                    else if (q) {
                        // Known to squeue only (e.g. purged between the two queries): its state, exit code unknown (0).
                        out.set(id, fromQueue(q, this.restarts.get(id) ?? 0));
                    }
                    else {
                        out.set(id, {
                            jobId: id,
                            state: 'UNKNOWN',
                            reason: 'Slurm no longer knows the job (purged after MinJobAge, or never accepted)',
                            exitCode: 0,
                            signal: 0,
                            elapsedSeconds: 0,
                            nodes: '',
                            restarts: 0,
                            source: 'squeue',
                        });
                    }
                }
                return out;
            }
            catch (err) {
                if (!isTransient(err))
                    throw err;
                failures++;
                await this.sleep(backoff(failures), signal);
                if (signal?.aborted)
                    throw new errors_CancelledError('waiting for the Slurm job was cancelled');
            }
        }
    }
}

;// CONCATENATED MODULE: ./packages/slurm/src/output.ts
// Following a job's output while it runs: new complete lines of the sbatch output file (or of srun's pipes), the
// eda-oci verification line taken out, and a bounded tail kept for the summary.

/** Prefix of the line a job prints first when eda-oci verifies that it runs inside the bundle. */
const VERIFY_PREFIX = 'eda-oci-verify:';
/** Collects lines: forwards them (except verification lines), keeps the last `tailLines`, records the bundle ids. */
class OutputSink {
    onLine;
    tailLines;
    tail = [];
    /** Bundle ids the job printed on verification lines, one per task ('none' when /.eda-oci/bundle-id was missing). */
    verifiedIds = [];
    /** Start of this run's verification lines. */
    marker;
    constructor(token, onLine, tailLines = 30) {
        this.onLine = onLine;
        this.tailLines = tailLines;
        this.marker = `${VERIFY_PREFIX}${token}:`;
    }
    /** Handles one complete line. */
    line(text) {
        if (text.startsWith(this.marker)) {
            this.verifiedIds.push(text.slice(this.marker.length).trim());
            return;
        }
        this.tail.push(text);
        if (this.tail.length > this.tailLines)
            this.tail.shift();
        this.onLine(text);
    }
}
/** Reads a growing file from where it left off and feeds complete lines to a sink; the file may not exist yet. */
class FileFollower {
    path;
    sink;
    offset = 0;
    partial = '';
    fh;
    /** Read buffer, reused by every poll (polls never overlap: each is awaited). */
    buf = Buffer.alloc(64 * 1024);
    /** True once the file was seen. */
    seen = false;
    constructor(path, sink) {
        this.path = path;
        this.sink = sink;
    }
    /** Reads what was appended since the last call; with `final`, also hands over an unterminated last line. */
    async poll(final = false) {
        if (!this.fh) {
            try {
                this.fh = await (0,promises_namespaceObject.open)(this.path, 'r');
                this.seen = true;
            }
            catch {
                return;
            }
        }
        for (;;) {
            const { bytesRead } = await this.fh.read(this.buf, 0, this.buf.length, this.offset);
            if (bytesRead === 0)
                break;
            this.offset += bytesRead;
            const lines = (this.partial + this.buf.subarray(0, bytesRead).toString('utf8')).split('\n');
            this.partial = lines.pop() ?? '';
            for (const l of lines)
                this.sink.line(l);
        }
        if (final && this.partial) {
            this.sink.line(this.partial);
            this.partial = '';
        }
    }
    async close() {
        await this.fh?.close();
        this.fh = undefined;
    }
}

;// CONCATENATED MODULE: ./packages/slurm/src/validate.ts
// Strict grammars for what becomes Slurm arguments: partitions, job names, time limits, node counts, extra arguments
// (one per line, never shell-parsed), environment entries. Every failure is one ConfigurationError: what, value, fix.

function bad(what, value, fix) {
    return new errors_ConfigurationError(`${what} '${value}' is not valid`, fix);
}
/** Partition name, or a comma-separated list of them (sbatch -p a,b). */
function validatePartition(value) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(,[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/.test(value) || value.length > 200) {
        throw bad('partition', value, 'use a partition name from sinfo (letters, digits, _ . -), or several separated by commas');
    }
    return value;
}
/** Job name: letters, digits and . _ + - (Slurm allows more, but these survive every tool and file name). */
function validateJobName(value) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$/.test(value)) {
        throw bad('job name', value, 'use letters, digits and . _ + - (at most 128), not starting with - or .');
    }
    return value;
}
/**
 * Slurm time limit: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes,
 * days-hours:minutes:seconds, or UNLIMITED/INFINITE.
 */
function validateTimeLimit(value) {
    const ok = /^(UNLIMITED|INFINITE)$/i.test(value) || /^\d+(:\d{1,2}){0,2}$/.test(value) || /^\d+-\d{1,2}(:\d{1,2}){0,2}$/.test(value);
    if (!ok) {
        throw bad('time limit', value, 'use minutes (30), MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS or UNLIMITED (as sbatch --time)');
    }
    return value;
}
/** Node count: N or MIN-MAX. */
function validateNodes(value) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(value);
    if (!m || Number(m[1]) < 1 || (m[2] !== undefined && Number(m[2]) < Number(m[1]))) {
        throw bad('node count', value, 'use a number of nodes (2) or a range (2-4)');
    }
    return value;
}
/** Options eda-oci sets itself; in extra-args they would conflict with it (or hang the run). */
const MANAGED = {
    container: 'bundle',
    parsable: '(always set)',
    wait: '(eda-oci waits itself)',
    W: '(eda-oci waits itself)',
    comment: '(eda-oci uses it to find the job again)',
    output: '(the output file is managed)',
    o: '(the output file is managed)',
    error: '(the output file is managed)',
    e: '(the output file is managed)',
    input: '(no input)',
    i: '(no input)',
    wrap: 'command',
    'job-name': 'job-name',
    J: 'job-name',
    partition: 'partition',
    p: 'partition',
    nodes: 'nodes',
    N: 'nodes',
    ntasks: 'ntasks',
    n: 'ntasks',
    time: 'time-limit',
    t: 'time-limit',
    export: 'env',
    array: '(one job per run)',
    a: '(one job per run)',
    hold: '(a held job never starts)',
    H: '(a held job never starts)',
    'test-only': '(nothing would run)',
    pty: '(no terminal)',
};
/**
 * Extra sbatch/srun arguments, one per line, passed as they are (never through a shell). Refuses lines that only make
 * sense to a shell (two words, quotes, ;, $(...), backticks, && or ||, redirections) and the options eda-oci sets.
 */
function validateExtraArgs(args) {
    for (const a of args) {
        if (/[;`'"\\]|\$[({]|&&|\|\||^[<>|&]|[<>]$/.test(a)) {
            throw new errors_ConfigurationError(`extra-args line '${a}' uses shell syntax, which is passed to Slurm literally and never interpreted`, 'write plain arguments, one per line, without quotes, ;, $(...), backticks, && or redirections');
        }
        if (/\s/.test(a)) {
            throw new errors_ConfigurationError(`extra-args line '${a}' contains whitespace; extra-args are not shell-parsed`, 'put one argument per line (e.g. --mem=4G, or -w and n3 on two lines)');
        }
        const m = /^--?([A-Za-z][A-Za-z-]*)/.exec(a);
        if (m) {
            const long = a.startsWith('--');
            const name = long ? m[1] : m[1][0];
            const owner = MANAGED[name];
            if (owner !== undefined && (long || name.length === 1)) {
                throw new errors_ConfigurationError(`extra-args line '${a}' sets an option eda-oci manages`, owner.startsWith('(') ? `remove it ${owner}` : `use the input '${owner}' instead`);
            }
        }
    }
    return [...args];
}
/** Multiline KEY=value environment entries for the job; KEY is a shell-style name. */
function parseEnvEntries(lines) {
    const env = {};
    for (const line of lines) {
        const eq = line.indexOf('=');
        const key = eq > 0 ? line.slice(0, eq) : line;
        if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
            throw new errors_ConfigurationError(`env line '${line}' is not KEY=value`, 'write one KEY=value per line; KEY is letters, digits and _');
        }
        env[key] = line.slice(eq + 1);
    }
    return env;
}

;// CONCATENATED MODULE: ./packages/slurm/src/container-job.ts
// Run one command (or batch script) inside an OCI bundle through Slurm and report how it really ended: what
// slurm-submit-container and `eda-oci submit` do. Submit once (a unique comment finds a submission whose answer was
// lost), stream the output, see the end within 1 s, map the final state to an outcome, prove the job ran inside the
// bundle, scancel on cancellation or timeout.











/** The job's outputs as slurm-submit-container and `eda-oci submit` name them (the same keys, in this order). */
function jobOutputs(r) {
    return {
        'job-id': r.jobId,
        state: r.state,
        'exit-code': r.exitCode,
        signal: r.signal,
        'elapsed-seconds': r.elapsedSeconds,
        nodes: r.nodes,
        'output-file': r.outputFile,
    };
}
/**
 * The job result behind what runContainerJob returned or threw: the result, or the one a SlurmJobError carries;
 * undefined for any other error (no job result is known, e.g. the submission failed).
 */
function container_job_resultOf(outcome) {
    return 'result' in outcome ? outcome.result : outcome.error instanceof SlurmJobError ? outcome.error.result : undefined;
}
const SHELLS = /^(sh|bash|dash|ash|ksh|mksh|zsh)$/;
/** The verification line's command: prints the bundle id the job sees (or "none"), before the user's command. */
function verifyLine(token) {
    return `printf '%s\\n' "${VERIFY_PREFIX}${token}:$(cat /.eda-oci/bundle-id 2>/dev/null || echo none)"`;
}
/** Inserts the verification line after the shebang, comments and #SBATCH directives of a shell batch script. */
function injectIntoScript(text, line, file) {
    const lines = text.split('\n');
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(lines[0] ?? '');
    if (!shebang) {
        throw new errors_ConfigurationError(`script ${file} does not start with #!`, 'start it with #!/bin/sh (sbatch needs an interpreter line)');
    }
    const interp = external_node_path_default().basename(shebang[1]) === 'env' ? external_node_path_default().basename(shebang[2] ?? '') : external_node_path_default().basename(shebang[1]);
    if (!SHELLS.test(interp)) {
        throw new errors_ConfigurationError(`verify-container needs a shell batch script, but ${file} runs ${interp}`, 'use a #!/bin/sh or #!/bin/bash script (it may call your program), or set verify-container to false');
    }
    let i = 1;
    while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]))
        i++;
    return [...lines.slice(0, i), line, ...lines.slice(i)].join('\n');
}
/** The bundle as the nodes will see it (the runner is on the cluster's shared file system): its path and its id. */
function resolveBundle(o, cwd) {
    const given = external_node_path_default().resolve(cwd, o.bundle);
    if (!(0,external_node_fs_namespaceObject.existsSync)(given)) {
        throw new errors_ConfigurationError(`bundle ${given} does not exist`, 'give the path of a bundle on the shared file system the nodes mount (e.g. the bundle-path output of build-oci-bundle)');
    }
    const bundlePath = o.pinVersion === false ? given : (0,external_node_fs_namespaceObject.realpathSync)(given);
    for (const [p, dir] of [
        ['config.json', false],
        ['rootfs', true],
    ]) {
        const full = external_node_path_default().join(bundlePath, p);
        if (!(0,external_node_fs_namespaceObject.existsSync)(full) || (0,external_node_fs_namespaceObject.statSync)(full).isDirectory() !== dir) {
            throw new errors_ConfigurationError(`bundle ${bundlePath} has no ${p}${dir ? '/' : ''}`, 'give an OCI bundle directory (config.json and rootfs/), as build-oci-bundle writes');
        }
    }
    const idFile = external_node_path_default().join(bundlePath, 'rootfs/.eda-oci/bundle-id');
    return { bundlePath, bundleId: (0,external_node_fs_namespaceObject.existsSync)(idFile) ? (0,external_node_fs_namespaceObject.readFileSync)(idFile, 'utf8').trim() : '' };
}
/**
 * Validates and resolves everything before any side effect; ConfigurationError names the first problem. `bundle`: the
 * bundle as an earlier preparation with the same bundle and pin-version resolved it (it is not checked on disk again).
 */
function prepareContainerJob(o, cwd = process.cwd(), bundle) {
    if (o.mode !== 'sbatch' && o.mode !== 'srun')
        throw new errors_ConfigurationError(`mode '${String(o.mode)}' is not sbatch or srun`, 'use sbatch or srun');
    if (!o.bundle)
        throw new errors_ConfigurationError('bundle is empty', 'give the bundle directory (with config.json and rootfs/)');
    if (o.bundle.startsWith('-'))
        throw new errors_ConfigurationError(`bundle '${o.bundle}' starts with -`, 'give a path');
    if (Boolean(o.command?.trim()) === Boolean(o.script)) {
        throw new errors_ConfigurationError(o.command?.trim() ? 'both command and script are set' : 'neither command nor script is set', 'set exactly one of command or script');
    }
    if (o.script && o.mode === 'srun')
        throw new errors_ConfigurationError('script works with mode sbatch only', 'use command with mode srun, or mode sbatch');
    if (o.partition !== undefined)
        validatePartition(o.partition);
    if (o.jobName !== undefined)
        validateJobName(o.jobName);
    if (o.timeLimit !== undefined)
        validateTimeLimit(o.timeLimit);
    if (o.nodes !== undefined)
        validateNodes(o.nodes);
    if (o.ntasks !== undefined && (!Number.isInteger(o.ntasks) || o.ntasks < 1)) {
        throw new errors_ConfigurationError(`ntasks '${o.ntasks}' is not a positive whole number`, 'set ntasks to 1 or more');
    }
    const extra = validateExtraArgs(o.extraArgs ?? []);
    if (o.timeoutSeconds !== undefined && (!Number.isInteger(o.timeoutSeconds) || o.timeoutSeconds < 0)) {
        throw new errors_ConfigurationError(`timeout-seconds '${o.timeoutSeconds}' is not a whole number >= 0`, 'use 0 (no limit) or a number of seconds');
    }
    const { bundlePath, bundleId } = bundle ?? resolveBundle(o, cwd);
    const verify = o.verifyContainer !== false;
    if (verify && !bundleId) {
        throw new errors_ConfigurationError(`bundle ${bundlePath} has no rootfs/.eda-oci/bundle-id, so the job cannot prove it ran inside it`, 'build the bundle with build-oci-bundle, or set verify-container to false');
    }
    const token = (0,external_node_crypto_namespaceObject.randomBytes)(8).toString('hex');
    const comment = `eda-oci:${token}`;
    const args = [`--container=${bundlePath}`, `--comment=${comment}`];
    if (o.partition)
        args.push(`--partition=${o.partition}`);
    if (o.jobName)
        args.push(`--job-name=${o.jobName}`);
    if (o.timeLimit)
        args.push(`--time=${o.timeLimit}`);
    if (o.nodes)
        args.push(`--nodes=${o.nodes}`);
    if (o.ntasks)
        args.push(`--ntasks=${o.ntasks}`);
    let outputPattern = '';
    let script;
    const vline = verify ? `${verifyLine(token)}\n` : '';
    if (o.mode === 'sbatch') {
        const outDir = external_node_path_default().resolve(cwd, o.outputDir ?? '.');
        outputPattern = external_node_path_default().join(outDir, 'eda-oci-%j.out');
        args.push(`--output=${outputPattern}`);
        if (o.script) {
            const file = external_node_path_default().resolve(cwd, o.script);
            let text;
            try {
                text = (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8');
            }
            catch (err) {
                throw new errors_ConfigurationError(`cannot read script ${file}: ${err.code ?? err.message}`, 'give the path of a readable batch script');
            }
            script = verify ? injectIntoScript(text, vline.trimEnd(), file) : text;
        }
        else {
            script = `#!/bin/sh\n${vline}${o.command}\n`;
        }
    }
    else {
        script = `${vline}${o.command}`;
    }
    args.push(...extra);
    return { mode: o.mode, bundlePath, bundleId, comment, token, args, script, outputPattern, env: { ...process.env, ...o.env }, verify };
}
/**
 * Submits the job and waits for its real end. Returns the result when it completed with exit code 0 (and, with
 * verify-container, printed the bundle's id); throws SlurmJobError (with the result) otherwise, ConfigurationError for
 * bad input (before any side effect) and CancelledError when `signal` aborted (after scancel, unless cancelOnAbort
 * is false).
 */
async function runContainerJob(o, deps = {}) {
    const logger = deps.logger ?? logger_silentLogger;
    const now = deps.now ?? Date.now;
    const sleep = deps.sleep ?? delay;
    const t0 = now();
    const job = o.prepared ?? prepareContainerJob(o);
    const commands = deps.commands ?? new commands_SlurmCommands({ run: deps.run ?? runCommand, logger });
    const monitor = new JobMonitor(commands, logger, sleep, now);
    const deadline = o.timeoutSeconds ? t0 + o.timeoutSeconds * 1000 : undefined;
    const sink = new OutputSink(job.token, o.onOutputLine ?? ((l) => logger.info(l)));
    const verifiedIds = sink.verifiedIds;
    logger.info(`bundle ${job.bundlePath}${job.bundlePath !== external_node_path_default().resolve(o.bundle) ? ` (pinned from ${o.bundle})` : ''}${job.bundleId ? `, id ${job.bundleId}` : ''}`);
    let jobId = '';
    let tSubmitted = t0;
    let cancelledByUs = false;
    let follower;
    let final;
    const finish = (d) => ({
        jobId,
        state: d.state,
        exitCode: d.exitCode,
        signal: d.signal,
        elapsedSeconds: d.elapsedSeconds,
        nodes: d.nodes,
        outputFile: follower?.path ?? '',
        bundlePath: job.bundlePath,
        bundleId: job.bundleId,
        outcome: outcomeOf(d, cancelledByUs),
        outputTail: [...sink.tail],
        verified: job.verify && verifiedIds.length ? verifiedIds.every((v) => v === job.bundleId) : job.verify ? false : undefined,
        restarts: d.restarts,
        source: d.source,
        commands: { ...commands.counts },
        timingsMs: { submit: tSubmitted - t0, wait: now() - tSubmitted, total: now() - t0 },
    });
    /** scancel with retries while the controller is down (bounded): cancelling must not be lost to an outage. */
    const cancel = async (why) => {
        if (!jobId)
            return;
        cancelledByUs = true;
        logger.warning(`cancelling job ${jobId} (${why})`);
        for (let i = 1;; i++) {
            try {
                await commands.scancel([jobId]);
                return;
            }
            catch (err) {
                if (!isTransient(err) || i >= 6) {
                    logger.warning(`scancel ${jobId} failed: ${err.message}; the post step tries again`);
                    return;
                }
                await sleep(backoff(i));
            }
        }
    };
    /** After scancel: the final state, briefly (a cancelled job ends at once; do not wait long for a report). */
    const settle = async () => {
        try {
            const r = await monitor.wait([jobId], { deadline: now() + 5000, onPoll: () => follower?.poll() });
            return r.get(jobId);
        }
        catch {
            return undefined;
        }
    };
    try {
        if (job.mode === 'sbatch') {
            jobId = await submitBatch(job, commands, logger, sleep, o.signal, deadline);
            tSubmitted = now();
            o.onSubmitted?.(jobId);
            follower = new FileFollower(job.outputPattern.replace('%j', jobId), sink);
            logger.info(`submitted batch job ${jobId}; output ${follower.path}`);
            const res = await monitor.wait([jobId], {
                signal: o.signal,
                deadline,
                onPoll: () => follower.poll(),
                onChange: (e) => logChange(logger, e.entry.jobId, e.entry.state, e.entry.reason, e.entry.nodes),
                onRequeue: (d) => logger.warning(`job ${d.jobId} was requeued (restart ${d.restarts}, ${d.reason}); following it to its end`),
            });
            final = res.get(jobId);
            await follower.poll(true);
            if (!follower.seen)
                logger.warning(`output file ${follower.path} is not visible here (not on a file system shared with the nodes?)`);
        }
        else {
            final = await runSrun(job, commands, monitor, sink, logger, o, deadline, (id) => {
                jobId = id;
                tSubmitted = now();
                o.onSubmitted?.(id);
            });
        }
    }
    catch (err) {
        if (err instanceof errors_CancelledError || o.signal?.aborted) {
            if (o.cancelOnAbort !== false) {
                await cancel('the run was cancelled');
                await settle();
                await follower?.poll(true).catch(() => undefined);
                throw new errors_CancelledError(jobId ? `cancelled; job ${jobId} was cancelled (scancel)` : 'cancelled before a job was submitted');
            }
            throw new errors_CancelledError(jobId ? `cancelled; job ${jobId} was left running (cancel-on-abort is false)` : 'cancelled before a job was submitted');
        }
        if (err instanceof MonitorTimeout) {
            await cancel(`timeout-seconds ${o.timeoutSeconds} passed`);
            const d = (await settle()) ?? unknownDetails(jobId, 'CANCELLED');
            await follower?.poll(true).catch(() => undefined);
            const r = finish(d);
            throw new SlurmJobError(`job ${jobId} did not end within timeout-seconds (${o.timeoutSeconds} s) and was cancelled`, r, "raise timeout-seconds or the job's speed");
        }
        throw err;
    }
    finally {
        await follower?.close();
    }
    const result = finish(final);
    if (!result.outcome.success) {
        if (result.outcome.kind === 'stuck' && o.cancelOnAbort !== false)
            await cancel(`it cannot start: ${final.reason}`);
        throw new SlurmJobError(`job ${jobId} ${result.outcome.message}`, result, hintFor(result));
    }
    if (job.verify && result.verified !== true) {
        const seen = verifiedIds.length
            ? `it saw bundle id '${verifiedIds.find((v) => v !== job.bundleId) ?? verifiedIds[0]}'`
            : 'it printed no bundle id';
        throw new SlurmJobError(`job ${jobId} did not run inside the container: ${seen}, expected ${job.bundleId}`, result, `node(s) ${result.nodes || '?'} may have no oci.conf (Slurm then runs --container jobs on the host); see eda-oci oci-conf`);
    }
    return result;
}
function unknownDetails(jobId, state) {
    return { jobId, state, reason: '', exitCode: 0, signal: 0, elapsedSeconds: 0, nodes: '', restarts: 0, source: 'squeue' };
}
function hintFor(r) {
    switch (r.outcome.kind) {
        case 'failed':
            return r.outputFile ? `see the output above or ${r.outputFile}` : 'see the output above';
        case 'timeout':
            return 'raise time-limit';
        case 'stuck':
            return 'check that the bundle exists on the nodes and that they can run it (scontrol show job, slurmd logs)';
        case 'node-fail':
            return 'run again; ask the admins about the node';
        default:
            return undefined;
    }
}
function logChange(logger, id, state, reason, nodes) {
    const detail = state === 'PENDING' ? ` (${reason})` : nodes ? ` on ${nodes}` : '';
    logger.info(`job ${id}: ${state}${detail}`);
}
/** Translates sbatch's answer to a bad request into one ConfigurationError line. */
async function badRequest(err, job) {
    const text = `${err.stderr}\n${err.message}`;
    if (/invalid partition/i.test(text)) {
        let names = '';
        try {
            const r = await runCommand('sinfo', ['-h', '-o', '%R'], { timeoutMs: 15_000, quiet: true });
            names = [
                ...new Set(r.stdout
                    .split('\n')
                    .map((l) => l.trim())
                    .filter(Boolean)),
            ].join(', ');
        }
        catch {
            // the list is a courtesy
        }
        const p = job.args.find((a) => a.startsWith('--partition='))?.slice('--partition='.length) ?? '(default)';
        return new errors_ConfigurationError(`partition '${p}' does not exist on this cluster`, names ? `use one of: ${names}` : 'see sinfo');
    }
    if (/Invalid --time|time limit/i.test(text))
        return new errors_ConfigurationError(`Slurm refused the time limit: ${lastSlurmError(err)}`, 'use a time limit within the partition MaxTime');
    return new errors_ConfigurationError(`Slurm refused the job: ${lastSlurmError(err)}`, 'check the inputs and extra-args');
}
/** The last line sbatch/srun printed to stderr, without their "error: " prefix (the error message when none). */
function lastSlurmError(err) {
    return lastLine(err.stderr.replace(/^s(batch|run): error: /gm, '')) || err.message;
}
/**
 * sbatch --parsable with the run's unique comment. When sbatch fails with a controller error or times out, the job
 * may have been accepted anyway: look for it by its comment before submitting again (never two jobs for one run).
 */
async function submitBatch(job, commands, logger, sleep, signal, deadline) {
    const giveUp = Math.min(deadline ?? Infinity, Date.now() + 120_000);
    for (let attempt = 1;; attempt++) {
        if (signal?.aborted)
            throw new errors_CancelledError('cancelled before the job was submitted');
        try {
            const out = await commands.sbatch(job.args, job.script, job.env);
            const id = parseSbatchParsable(out);
            if (!id)
                throw new errors_CommandFailedError(`sbatch printed no job id: '${out.trim()}'`, 'sbatch', job.args, 0, null, '');
            return id;
        }
        catch (err) {
            const timedOut = err instanceof errors_CommandFailedError && /timed out/.test(err.message);
            if (!(err instanceof errors_CommandFailedError) || (!isTransient(err) && !timedOut)) {
                throw err instanceof errors_CommandFailedError ? await badRequest(err, job) : err;
            }
            logger.warning(`sbatch did not get an answer from slurmctld (${lastSlurmError(err)}); checking whether the job was accepted`);
            try {
                const found = await commands.findByComment(job.comment);
                if (found.length) {
                    logger.info(`found the job submitted by this run (${found[0].jobId}, comment ${job.comment}): adopting it`);
                    return found[0].jobId;
                }
            }
            catch (e) {
                if (!isTransient(e))
                    throw e;
            }
            if (Date.now() > giveUp)
                throw new errors_CommandFailedError(`cannot submit: slurmctld does not answer (${lastSlurmError(err)})`, 'sbatch', job.args, null, null, err.stderr, 'check the Slurm controller (scontrol ping)');
            await sleep(backoff(attempt), signal);
        }
    }
}
/**
 * srun mode: srun runs in the foreground (its output streams through), the job id comes from the run's comment,
 * the final state from squeue/scontrol once srun ended.
 */
async function runSrun(job, commands, monitor, sink, logger, o, deadline, onId) {
    let jobId = '';
    const srunAbort = new AbortController();
    const fromStderr = (line) => {
        const m = /^srun: job (\d+) (?:queued|has been allocated)/.exec(line);
        if (m && !jobId) {
            jobId = m[1];
            onId(jobId);
        }
        sink.line(line);
    };
    const srun = runCommand('srun', [...job.args, '/bin/sh', '-c', job.script], {
        env: job.env,
        logger,
        signal: srunAbort.signal,
        onStdoutLine: (l) => sink.line(l),
        onStderrLine: fromStderr,
        okExitCodes: Array.from({ length: 256 }, (_, i) => i),
        maxOutputBytes: 64 * 1024,
    });
    let srunDone = false;
    const srunResult = srun.then((r) => {
        srunDone = true;
        return r;
    }, (e) => {
        srunDone = true;
        throw e;
    });
    srunResult.catch(() => undefined);
    // Wakes the wait below when srun ends or the run is cancelled; the timer must not outlive the wait (it would keep
    // the process alive).
    const srunEnded = new AbortController();
    const end = () => srunEnded.abort();
    void srunResult.then(end, end);
    const wake = o.signal ? AbortSignal.any([o.signal, srunEnded.signal]) : srunEnded.signal;
    // Find the job id by the comment while srun runs (one squeue per interval), for cancellation and the final state.
    const started = Date.now();
    try {
        while (!srunDone) {
            if (o.signal?.aborted)
                throw new errors_CancelledError('cancelled');
            if (deadline !== undefined && Date.now() >= deadline)
                throw new MonitorTimeout('deadline');
            if (!jobId) {
                try {
                    const found = await commands.findByComment(job.comment);
                    if (found[0] && !jobId) {
                        jobId = found[0].jobId;
                        onId(jobId);
                    }
                }
                catch (err) {
                    if (!isTransient(err))
                        throw err;
                }
            }
            await delay(jobId ? 1000 : Math.min(1000, 100 + (Date.now() - started) / 4), wake);
        }
    }
    catch (err) {
        // Cancellation/timeout: the caller scancels the job (srun then ends); stop srun if it lingers.
        setTimeout(() => srunAbort.abort(), 3000).unref();
        throw err;
    }
    const r = await srunResult;
    if (!jobId) {
        const found = await commands.findByComment(job.comment).catch(() => []);
        if (found[0]) {
            jobId = found[0].jobId;
            onId(jobId);
        }
    }
    if (!jobId) {
        throw new errors_CommandFailedError(`srun exited with code ${r.exitCode} and Slurm has no job for this run`, 'srun', job.args, r.exitCode, null, r.stderr, 'see the srun error above');
    }
    // srun has ended: the job is ending too (COMPLETING for a moment); look closely for a short while.
    const res = await monitor.wait([jobId], { signal: o.signal, deadline, interval: (ms) => (ms < 2000 ? 50 : pollInterval(ms)) });
    return res.get(jobId);
}
/**
 * For post steps: scancel the given jobs of this run that are still queued or running (idempotent: finished or
 * unknown jobs are skipped). Returns the ids it cancelled.
 */
async function cancelLeftoverJobs(jobIds, deps = {}) {
    const ids = jobIds.filter((id) => /^\d+$/.test(id));
    if (!ids.length)
        return [];
    const commands = new SlurmCommands({ run: deps.run, logger: deps.logger });
    // A COMPLETING job has ended already (Slurm is cleaning up its nodes): nothing to cancel.
    const active = (await commands.squeue(ids)).filter((e) => isActiveState(e.state) && e.state !== 'COMPLETING');
    const todo = active.map((e) => e.jobId);
    if (todo.length)
        await commands.scancel(todo);
    return todo;
}

;// CONCATENATED MODULE: ./packages/slurm/src/oci-conf.ts
// oci.conf per Slurm release: the keys and pattern characters each version accepts, a generator wired to the eda-oci
// runtime shim, and a linter that finds what breaks container steps on that version before a user hits it.
//
// Sources: the oci.conf(5) man pages and NEWS of each release (SchedMD/slurm), and tests on Slurm 22.05.8 here:
// - 21.08/22.05 know only ContainerPath, CreateEnvFile (boolean) and the six RunTime* keys; any other key is a parse
//   error that fails every container step; %U is fatal ("unexpected replacement character: U").
// - 22.05 needs RunTimeQuery, RunTimeKill and RunTimeDelete besides RunTimeRun (or Create+Start) and rejects the file
//   otherwise; 23.02 dropped the RunTimeQuery requirement.
// - 23.02 added DisableHooks, EnvExclude, RunTimeEnvExclude, MountSpoolDir (default /var/run/slurm/), SrunPath,
//   SrunArgs, DisableCleanup, StdIODebug, SyslogDebug, FileDebug, DebugFlags, IgnoreFileConfigJson, CreateEnvFile
//   values null|newline|disabled, and the patterns %m, %p, %U.
// - 25.05 changed the MountSpoolDir default to the ContainerPath (the host spool path, mounted at the same path).
// - 26.05 added %Z (the step's original working directory).
// - RunTimeCreate + RunTimeStart left `runc init` hanging with runc 1.1.5 on 22.05; RunTimeRun works.

/** Where setup puts the runtime shim on compute nodes (the generator's default). */
const DEFAULT_SHIM_PATH = '/usr/local/libexec/eda-oci/oci-runtime-shim';
/** Per-user runc state root: below /tmp, which exists on every node, unlike /run/user/UID (login sessions only). */
const DEFAULT_STATE_ROOT = '/tmp/eda-oci-runc-%u';
/** The container id pattern of the Slurm documentation: unique per node, user, job, step and task. */
const CONTAINER_ID_PATTERN = '%n.%u.%j.%s.%t';
const KEYS_2108 = {
    ContainerPath: 'pattern',
    CreateEnvFile: 'boolean',
    RunTimeCreate: 'pattern',
    RunTimeDelete: 'pattern',
    RunTimeKill: 'pattern',
    RunTimeQuery: 'pattern',
    RunTimeRun: 'pattern',
    RunTimeStart: 'pattern',
};
const KEYS_2302 = {
    ...KEYS_2108,
    CreateEnvFile: 'createEnvFile',
    DebugFlags: 'string',
    DisableCleanup: 'boolean',
    DisableHooks: 'string',
    EnvExclude: 'regex',
    FileDebug: 'string',
    IgnoreFileConfigJson: 'boolean',
    MountSpoolDir: 'pattern',
    RunTimeEnvExclude: 'regex',
    SrunArgs: 'list',
    SrunPath: 'string',
    StdIODebug: 'string',
    SyslogDebug: 'string',
};
const P_2108 = '@bejnrstu';
const P_2302 = `${P_2108}mpU`;
/** The releases eda-oci knows, oldest first. */
const OCI_CONF_RELEASES = [
    { version: '21.08', keys: KEYS_2108, patterns: P_2108, runNeedsQuery: true },
    { version: '22.05', keys: KEYS_2108, patterns: P_2108, runNeedsQuery: true },
    ...['23.02', '23.11', '24.05', '24.11'].map((version) => ({
        version,
        keys: KEYS_2302,
        patterns: P_2302,
        runNeedsQuery: false,
        mountSpoolDirDefault: '/var/run/slurm/',
    })),
    ...['25.05', '25.11'].map((version) => ({
        version,
        keys: KEYS_2302,
        patterns: P_2302,
        runNeedsQuery: false,
        mountSpoolDirDefault: '(the ContainerPath)',
    })),
    { version: '26.05', keys: KEYS_2302, patterns: `${P_2302}Z`, runNeedsQuery: false, mountSpoolDirDefault: '(the ContainerPath)' },
];
const PATTERN_SINCE = { m: '23.02', p: '23.02', U: '23.02', Z: '26.05' };
function versionNumber(v) {
    const [a, b] = v.split('.').map(Number);
    return a * 100 + b;
}
/**
 * The table for a Slurm version ("22.05", "22.05.8", "slurm 23.11.4"). A release newer than the newest known uses the
 * newest table (`approximate` true); anything older than 21.08 (no container support) is a ConfigurationError.
 */
function ociConfRelease(version) {
    const m = /(\d{2})\.(\d{2})/.exec(version);
    if (!m) {
        throw new errors_ConfigurationError(`Slurm version '${version}' is not a release number`, `give the major release like 22.05 or 23.11 (see 'scontrol --version')`);
    }
    const want = `${m[1]}.${m[2]}`;
    const exact = OCI_CONF_RELEASES.find((r) => r.version === want);
    if (exact)
        return { ...exact, approximate: false };
    const n = versionNumber(want);
    const newest = OCI_CONF_RELEASES[OCI_CONF_RELEASES.length - 1];
    if (n > versionNumber(newest.version))
        return { ...newest, approximate: true };
    if (n < versionNumber(OCI_CONF_RELEASES[0].version)) {
        throw new errors_ConfigurationError(`Slurm ${want} has no container support (oci.conf arrived in 21.08)`, 'upgrade Slurm to 21.08 or newer');
    }
    // A release between known ones (e.g. a renumbered one): the newest known release not after it.
    const before = [...OCI_CONF_RELEASES].reverse().find((r) => versionNumber(r.version) <= n);
    return { ...before, approximate: true };
}
// Only what a shell word may contain unquoted in oci.conf: slurmstepd runs every RunTime* line with /bin/sh -c.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
function checkWord(what, value, absolute) {
    if (!SAFE_WORD.test(value) || (absolute && !value.startsWith('/'))) {
        throw new errors_ConfigurationError(`${what} '${value}' is not ${absolute ? 'an absolute path' : 'a path'} of plain characters`, `use letters, digits and / . _ - (slurmstepd runs the RunTime* lines through /bin/sh)`);
    }
}
/**
 * An oci.conf that works on `slurmVersion`: run mode through the eda-oci runtime shim (shared bundles run for every
 * user), a per-user runc root that exists without a login session, and EnvExclude where the release has it.
 */
function generateOciConf(options) {
    const rel = ociConfRelease(options.slurmVersion);
    const shim = options.shimPath ?? DEFAULT_SHIM_PATH;
    const runc = options.runcPath ?? 'runc';
    const root = options.stateRoot ?? DEFAULT_STATE_ROOT;
    checkWord('shim path', shim, true);
    checkWord('runc path', runc, false);
    checkWord('state root', root, true);
    const rootProblem = stateRootProblem(root, rel);
    if (rootProblem)
        throw new errors_ConfigurationError(`state root '${root}': ${rootProblem.message}`, rootProblem.hint);
    const id = CONTAINER_ID_PATTERN;
    const g = `--rootless=true --root=${root}`;
    const lines = [
        `# oci.conf for Slurm ${rel.version}${rel.approximate ? ` (tables of ${rel.version}, the closest release eda-oci knows)` : ''}, generated by eda-oci oci-conf.`,
        `# Check an edited copy with: eda-oci oci-conf --slurm-version ${rel.version} --check /etc/slurm/oci.conf`,
        '# RunTimeRun goes through the eda-oci runtime shim: it maps container root to the calling user, so one shared',
        '# bundle runs for every user (runc alone fails for all but the builder: "fchown fd 7: operation not permitted").',
        '# The shim also answers RunTimeQuery for a container that is gone with a "stopped" state (runc prints an error',
        '# that slurmstepd would log into every job). RunTimeKill goes through the shim too: the container process is PID 1',
        '# of its namespace and ignores SIGTERM without a handler, so the shim sends SIGKILL when the container still runs',
        '# after the grace period (else scancel left it running and slurmstepd drained the node). Delete calls runc.',
        `# runc state lives below ${root}: /run/user/<uid> exists only during a login session, not in batch jobs.`,
        '# Run mode only: RunTimeCreate/RunTimeStart left "runc init" hanging (Slurm 22.05, runc 1.1.5).',
    ];
    if (versionNumber(rel.version) >= 2302) {
        lines.push('# The step spool directory is mounted at /dev/slurm: /dev is a fresh tmpfs in every container, so runc can create', '# the mount point even for users who cannot write the shared (read-only) rootfs.', 'MountSpoolDir="/dev/slurm"', '# The host paths of the Slurm configuration mean nothing inside the container.', 'EnvExclude="^(SLURM_CONF|SLURM_CONF_SERVER)="', 'RunTimeEnvExclude="^(SLURM_CONF|SLURM_CONF_SERVER)="');
    }
    lines.push(`RunTimeQuery="${shim} --runc=${runc} ${g} state ${id}"`, `RunTimeKill="${shim} --runc=${runc} ${g} kill -a ${id}"`, `RunTimeDelete="${runc} ${g} delete --force ${id}"`, `RunTimeRun="${shim} --runc=${runc} ${g} run ${id} -b %b"`);
    return `${lines.join('\n')}\n`;
}
/** Why a runtime root pattern fails on compute nodes, or undefined when it is fine. */
function stateRootProblem(root, rel) {
    if (/^\/run\/user(\/|$)/.test(root)) {
        return {
            message: 'is below /run/user, which exists only while the user has a login session (not for batch jobs on compute nodes)',
            hint: `use a per-user directory that always exists, e.g. --root=${DEFAULT_STATE_ROOT}`,
        };
    }
    if (!root.includes('%u') && !(root.includes('%U') && rel.patterns.includes('U'))) {
        return {
            message: 'is not per user (no %u), so users share one runc state directory',
            hint: `put %u in it, e.g. --root=${DEFAULT_STATE_ROOT}`,
        };
    }
    return undefined;
}
/** Splits one oci.conf line into key and value; undefined for blank/comment lines; null when malformed. */
function parseLine(raw) {
    let line = raw;
    // '#' starts a comment outside quotes.
    let inQuote = false;
    for (let i = 0; i < line.length; i++) {
        if (line[i] === '"')
            inQuote = !inQuote;
        else if (line[i] === '#' && !inQuote) {
            line = line.slice(0, i);
            break;
        }
    }
    line = line.trim();
    if (!line)
        return undefined;
    const m = /^([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*)$/.exec(line);
    if (!m)
        return null;
    let value = m[2].trim();
    if (value.startsWith('"')) {
        if (!value.endsWith('"') || value.length < 2)
            return null;
        value = value.slice(1, -1);
    }
    return { key: m[1], value };
}
/** Words of a shell-like command line (enough for option scanning; quotes removed, no expansion). */
function words(command) {
    return command.match(/'[^']*'|"[^"]*"|\S+/g)?.map((w) => w.replace(/^['"]|['"]$/g, '')) ?? [];
}
/** The value of runc's global --root option in a runtime command, '' when absent. */
function rootOption(command) {
    const w = words(command);
    for (let i = 0; i < w.length; i++) {
        if (w[i] === '--root')
            return w[i + 1] ?? '';
        if (w[i].startsWith('--root='))
            return w[i].slice('--root='.length);
    }
    return '';
}
const RUNTIME_KEYS = ['RunTimeRun', 'RunTimeQuery', 'RunTimeKill', 'RunTimeDelete', 'RunTimeCreate', 'RunTimeStart'];
/**
 * Lints an oci.conf for a Slurm release: unknown keys (a parse error that fails every container step), unknown or
 * too-new pattern characters (fatal), bad booleans/enums, missing or conflicting RunTime* keys, create/start mode,
 * runc state roots that do not exist on compute nodes, and RunTimeRun without the eda-oci shim.
 */
function checkOciConf(text, slurmVersion) {
    const rel = ociConfRelease(slurmVersion);
    const issues = [];
    const values = {};
    const lineOf = {};
    const canonical = new Map(Object.keys(rel.keys).map((k) => [k.toLowerCase(), k]));
    const allKnown = new Map(Object.keys(KEYS_2302).map((k) => [k.toLowerCase(), k]));
    const err = (line, message, hint, key) => {
        issues.push({ severity: 'error', line, key, message, hint });
    };
    const warn = (line, message, hint, key) => {
        issues.push({ severity: 'warning', line, key, message, hint });
    };
    text.split('\n').forEach((raw, idx) => {
        const n = idx + 1;
        const parsed = parseLine(raw);
        if (parsed === undefined)
            return;
        if (parsed === null) {
            err(n, `cannot parse '${raw.trim()}'`, 'write Key=Value or Key="value with spaces"');
            return;
        }
        const key = canonical.get(parsed.key.toLowerCase());
        if (!key) {
            const later = allKnown.get(parsed.key.toLowerCase());
            err(n, later
                ? `${later} is not known to Slurm ${rel.version}: a parse error that fails every container step`
                : `unknown key ${parsed.key} for Slurm ${rel.version}: a parse error that fails every container step`, later ? `remove it (it exists from Slurm 23.02)` : `remove it or fix its spelling`, parsed.key);
            return;
        }
        if (key in values && rel.keys[key] !== 'list') {
            warn(n, `${key} is set again (line ${lineOf[key]} is overridden)`, 'keep one', key);
        }
        values[key] = parsed.value;
        lineOf[key] = n;
        checkValue(rel, key, parsed.value, n, err, warn);
    });
    const has = (k) => values[k] !== undefined && values[k] !== '';
    if (!RUNTIME_KEYS.some(has)) {
        err(0, 'no RunTime* command is set: Slurm rejects the file and --container is ignored', 'set RunTimeRun, RunTimeKill, RunTimeDelete');
    }
    else if (has('RunTimeRun')) {
        if (has('RunTimeCreate') || has('RunTimeStart')) {
            err(lineOf.RunTimeCreate ?? lineOf.RunTimeStart ?? 0, 'RunTimeRun and RunTimeCreate/RunTimeStart are mutually exclusive', 'remove RunTimeCreate and RunTimeStart');
        }
        const needed = rel.runNeedsQuery ? ['RunTimeQuery', 'RunTimeKill', 'RunTimeDelete'] : ['RunTimeKill', 'RunTimeDelete'];
        for (const k of needed.filter((k) => !has(k))) {
            err(0, `${k} is missing: Slurm ${rel.version} requires it with RunTimeRun`, `add ${k} (see eda-oci oci-conf)`, k);
        }
    }
    else {
        err(lineOf.RunTimeCreate ?? lineOf.RunTimeStart ?? 0, 'RunTimeCreate/RunTimeStart without RunTimeRun: with runc this left "runc init" hanging (Slurm 22.05, runc 1.1.5)', 'use RunTimeRun="... run %n.%u.%j.%s.%t -b %b" instead');
    }
    if (values.IgnoreFileConfigJson && /^(true|yes|1)$/i.test(values.IgnoreFileConfigJson) && has('RunTimeStart')) {
        err(lineOf.IgnoreFileConfigJson, 'IgnoreFileConfigJson=true and RunTimeStart are mutually exclusive (slurmstepd exits)', 'remove one');
    }
    // runc state roots: present, per user, outside /run/user, the same in every command.
    const roots = new Map();
    for (const k of RUNTIME_KEYS.filter(has)) {
        const cmd = values[k];
        if (!/\brunc\b|oci-runtime-shim/.test(cmd))
            continue;
        const root = rootOption(cmd);
        if (!root) {
            err(lineOf[k], `${k} runs runc without --root: its default $XDG_RUNTIME_DIR/runc does not exist on compute nodes without a login session`, `add --root=${DEFAULT_STATE_ROOT} to every RunTime* command`, k);
            continue;
        }
        roots.set(k, root);
        const problem = stateRootProblem(root, rel);
        if (problem)
            err(lineOf[k], `${k}: --root=${root} ${problem.message}`, problem.hint, k);
    }
    if (new Set(roots.values()).size > 1) {
        err(0, `the RunTime* commands use different runc roots (${[...new Set(roots.values())].join(', ')})`, 'use one --root in all of them');
    }
    if (has('RunTimeKill') && !/oci-runtime-shim/.test(values.RunTimeKill)) {
        warn(lineOf.RunTimeKill, 'RunTimeKill does not go through the eda-oci runtime shim: runc kill sends SIGTERM, which a container process without a handler ignores (it is PID 1), so scancel leaves it running and slurmstepd drains the node ("Kill task failed")', 'use the RunTimeKill line of eda-oci oci-conf', 'RunTimeKill');
    }
    if (has('RunTimeRun')) {
        const run = values.RunTimeRun;
        if (!/oci-runtime-shim/.test(run)) {
            warn(lineOf.RunTimeRun, 'RunTimeRun does not go through the eda-oci runtime shim: a shared bundle runs only for the user who built it (others get "fchown fd 7: operation not permitted")', 'use the RunTimeRun line of eda-oci oci-conf', 'RunTimeRun');
        }
        if (!/%b/.test(run))
            err(lineOf.RunTimeRun, 'RunTimeRun does not pass the bundle (%b)', 'end it with "-b %b"', 'RunTimeRun');
        if (/\brunc\b/.test(run) && !/--rootless[= ]true/.test(run)) {
            warn(lineOf.RunTimeRun, 'RunTimeRun runs runc without --rootless=true', 'add --rootless=true (jobs run as the user, not root)', 'RunTimeRun');
        }
    }
    if (rel.keys.EnvExclude && !has('EnvExclude')) {
        warn(0, `EnvExclude is not set: SLURM_CONF and SLURM_CONF_SERVER (host paths) reach the container`, 'add EnvExclude="^(SLURM_CONF|SLURM_CONF_SERVER)="');
    }
    if (rel.approximate) {
        warn(0, `Slurm ${slurmVersion} is not in eda-oci's tables; checked against ${rel.version}`, 'check the oci.conf man page of your release');
    }
    return { version: rel.version, approximate: rel.approximate, ok: !issues.some((i) => i.severity === 'error'), issues, values };
}
function checkValue(rel, key, value, line, err, warn) {
    const type = rel.keys[key];
    if (type === 'boolean' && !/^(true|false|yes|no|1|0)$/i.test(value)) {
        err(line, `${key}=${value} is not a boolean`, 'use true or false', key);
    }
    if (type === 'createEnvFile' && !/^(null|newline|disabled|true|false)$/i.test(value)) {
        err(line, `CreateEnvFile=${value} is not one of null, newline, disabled (or true/false)`, 'use null, newline or disabled', key);
    }
    if (type === 'regex') {
        try {
            new RegExp(value);
        }
        catch {
            err(line, `${key} is not a valid regular expression: ${value}`, 'fix the extended regular expression', key);
        }
    }
    if (type !== 'pattern')
        return;
    for (let i = 0; i < value.length; i++) {
        if (value[i] !== '%')
            continue;
        const c = value[i + 1];
        i++;
        if (c === '%')
            continue;
        if (c === undefined) {
            err(line, `${key} ends with a lone %`, 'write %% for a literal %', key);
        }
        else if (!rel.patterns.includes(c)) {
            const since = PATTERN_SINCE[c];
            err(line, since
                ? `${key} uses %${c}, which Slurm ${rel.version} does not know (from ${since}): slurmstepd fails with "unexpected replacement character: ${c}"`
                : `${key} uses %${c}, which no Slurm release knows: slurmstepd fails with "unexpected replacement character: ${c}"`, c === 'U' ? 'use %u (user name) instead of %U' : `remove %${c} (write %% for a literal %)`, key);
        }
        else if (c === 'p' && key !== 'RunTimeKill' && key !== 'RunTimeDelete') {
            warn(line, `${key} uses %p, which Slurm replaces only in RunTimeKill and RunTimeDelete`, 'remove %p here', key);
        }
    }
}
/** Parses `scontrol --version` / `sinfo -V` output ("slurm 22.05.8") into "22.05.8". */
function parseSlurmVersionOutput(text) {
    const m = /slurm(?:-wlm)?\s+(\d+\.\d+(?:\.\d+)?)/i.exec(text);
    if (!m)
        throw new errors_ConfigurationError(`cannot read the Slurm version from '${text.trim()}'`, 'pass --slurm-version, e.g. 22.05');
    return m[1];
}

;// CONCATENATED MODULE: ./packages/slurm/src/smoke-results.ts
// Smoke result records: the JSON file slurm-submit-container writes per job (result-file), and the reading and judging
// of a directory of them against the expected smoke cells (smoke-report; the CLI can reuse it).





/** The bundle name of a bundle path: its last component as given (a published `<bundles-dir>/<name>` gives `name`). */
function bundleNameOf(bundle) {
    return path.basename(bundle.replace(/\/+$/, '')) || bundle;
}
/**
 * Builds the record of a finished run: `outcome` is the result of runContainerJob or the error it threw
 * (SlurmJobError carries the job's result; any other error means no job result is known, e.g. the submission failed).
 */
function smokeRecord(base, outcome) {
    const bundle = bundleNameOf(base.bundle);
    const partition = base.partition ?? '';
    const r = resultOf(outcome);
    const error = 'error' in outcome ? outcome.error : undefined;
    const message = error === undefined
        ? r.outcome.message
        : error instanceof CancelledError
            ? `cancelled: ${error.message}`
            : error instanceof Error
                ? error.message
                : String(error);
    return {
        id: base.id || `${bundle}/${partition || 'default'}/${base.mode}`,
        bundle,
        'bundle-path': r?.bundlePath ?? base.bundle,
        partition,
        mode: base.mode,
        command: base.command?.trim() ? base.command : base.script ? `script: ${base.script}` : '',
        'job-id': r?.jobId ?? '',
        state: r?.state ?? '',
        'exit-code': r ? r.exitCode : null,
        signal: r ? r.signal : null,
        'elapsed-seconds': r ? r.elapsedSeconds : null,
        nodes: r?.nodes ?? '',
        verified: r?.verified ?? null,
        ok: error === undefined,
        message,
    };
}
/** Checks a result-file path before anything runs: it must name a `.json` file (smoke-report reads `*.json`). */
function validateResultFile(file, what = 'result-file') {
    if (file.includes('\0'))
        throw new ConfigurationError(`${what} contains a NUL byte`, 'give a file path');
    if (!file.endsWith('.json') || path.basename(file) === '.json')
        throw new ConfigurationError(`${what} '${file}' does not end in .json`, 'name the file e.g. results/<cell>.json (smoke-report reads *.json)');
    return file;
}
/**
 * Writes the record atomically (a temporary file in the same directory, then rename(2)): a reader, or an artifact
 * upload, never sees half a record. Creates the parent directories.
 */
async function writeSmokeRecord(file, record) {
    const full = path.resolve(file);
    await mkdir(path.dirname(full), { recursive: true });
    const tmp = path.join(path.dirname(full), `.${path.basename(full)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
        await writeFile(tmp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o644 });
        await rename(tmp, full);
    }
    catch (err) {
        await unlink(tmp).catch(() => undefined);
        throw err;
    }
}
/** Parses a JSON array of expected smoke cells (extra keys such as `run` and `time-limit` are ignored). */
function parseExpectedCells(text, what = 'expected') {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (err) {
        throw new ConfigurationError(`${what} is not valid JSON: ${err.message}`, "pass plan-bundles' smokes output");
    }
    if (!Array.isArray(value))
        throw new ConfigurationError(`${what} is not a JSON array`, "pass plan-bundles' smokes output (a JSON array)");
    return value.map((c, i) => {
        const o = (c ?? {});
        for (const k of ['id', 'bundle', 'partition', 'mode', 'command']) {
            if (typeof o[k] !== 'string' || o[k] === '')
                throw new ConfigurationError(`${what}[${i}].${k} is missing or not a string`, "pass plan-bundles' smokes output unchanged");
        }
        return { id: o.id, bundle: o.bundle, partition: o.partition, mode: o.mode, command: o.command };
    });
}
/** Checks that a parsed value has the record's shape; returns a reason when not. */
function recordProblem(v) {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
        return 'not a JSON object';
    const o = v;
    for (const k of ['id', 'bundle', 'mode', 'state', 'job-id', 'message'])
        if (typeof o[k] !== 'string')
            return `'${k}' is not a string`;
    if (!o.id)
        return "'id' is empty";
    if (typeof o.ok !== 'boolean')
        return "'ok' is not true or false";
    for (const k of ['exit-code', 'elapsed-seconds', 'signal'])
        if (o[k] !== null && o[k] !== undefined && typeof o[k] !== 'number')
            return `'${k}' is not a number`;
    return undefined;
}
/** Reads every `*.json` under `dir` (recursively, as download-artifact lays artifacts out), sorted by path. */
async function readSmokeRecords(dir) {
    const files = [];
    const walk = async (d) => {
        let entries;
        try {
            entries = await readdir(d, { withFileTypes: true });
        }
        catch (err) {
            if (err.code === 'ENOENT' && d === dir)
                return;
            throw err;
        }
        for (const e of entries) {
            const p = path.join(d, e.name);
            if (e.isDirectory())
                await walk(p);
            else if (e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('.'))
                files.push(p);
        }
    };
    await walk(dir);
    files.sort();
    const out = [];
    for (const file of files) {
        const rel = path.relative(dir, file);
        let value;
        try {
            value = JSON.parse(await readFile(file, 'utf8'));
        }
        catch (err) {
            out.push({ file: rel, error: `not valid JSON (${err.message})` });
            continue;
        }
        const problem = recordProblem(value);
        if (problem)
            out.push({ file: rel, error: `not a smoke result record: ${problem}` });
        else {
            const r = value;
            out.push({ file: rel, record: { ...r, partition: r.partition ?? '', command: r.command ?? '', nodes: r.nodes ?? '' } });
        }
    }
    return out;
}
/** Why a record is not a pass ('' when it is): ok must agree with the state, the exit code and the verification. */
function failureOf(r) {
    const exit = r['exit-code'];
    const plain = `${r.state || 'not submitted'}${exit !== null && exit !== undefined ? `, exit code ${exit}` : ''}`;
    if (!r.ok)
        return r.message || plain;
    if (r.state !== 'COMPLETED' || exit !== 0)
        return `record says ok but ${plain}`;
    if (r.verified === false)
        return 'record says ok but the job did not run inside the container';
    return '';
}
/**
 * Judges the records: each record is a row (passed only when ok, COMPLETED, exit code 0 and not unverified); each
 * expected cell without a record is a failed row "no result"; an unreadable file is a failed row naming it.
 * Display fields (bundle, partition, mode, command name) come from the expected cell when the id matches.
 */
function judgeSmokeResults(found, expected = []) {
    const cells = new Map(expected.map((c) => [c.id, c]));
    const seen = new Set();
    const rows = [];
    for (const f of found) {
        if ('error' in f) {
            rows.push({
                id: f.file,
                bundle: '',
                partition: '',
                mode: '',
                command: '',
                jobId: '',
                state: '',
                exitCode: null,
                elapsedSeconds: null,
                passed: false,
                verdict: `unreadable result ${f.file}: ${f.error}`,
                file: f.file,
            });
            continue;
        }
        const r = f.record;
        seen.add(r.id);
        const cell = cells.get(r.id);
        const why = failureOf(r);
        rows.push({
            id: r.id,
            bundle: cell?.bundle ?? r.bundle,
            partition: cell?.partition ?? (r.partition || 'default'),
            mode: cell?.mode ?? r.mode,
            command: cell?.command ?? r.command,
            jobId: r['job-id'],
            state: r.state,
            exitCode: r['exit-code'] ?? null,
            elapsedSeconds: r['elapsed-seconds'] ?? null,
            passed: why === '',
            verdict: why === '' ? 'passed' : why,
            file: f.file,
        });
    }
    for (const c of expected) {
        if (seen.has(c.id))
            continue;
        rows.push({
            id: c.id,
            bundle: c.bundle,
            partition: c.partition,
            mode: c.mode,
            command: c.command,
            jobId: '',
            state: '',
            exitCode: null,
            elapsedSeconds: null,
            passed: false,
            verdict: 'no result (the smoke job did not run or did not upload its record)',
            file: '',
        });
    }
    rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.file < b.file ? -1 : 1));
    const failedRows = rows.filter((r) => !r.passed);
    return {
        rows,
        passed: rows.length - failedRows.length,
        failed: failedRows.length,
        total: rows.length,
        failedBundles: [...new Set(failedRows.map((r) => r.bundle).filter(Boolean))].sort(),
    };
}

;// CONCATENATED MODULE: ./packages/slurm/src/version.ts
// The Slurm version of the cluster this runs on, from `scontrol --version` (same output as `sinfo -V`).


/** Asks the local Slurm client tools for their version, e.g. "22.05.8". */
async function detectSlurmVersion(run = runCommand) {
    const r = await run('scontrol', ['--version'], { timeoutMs: 15_000, quiet: true });
    return parseSlurmVersionOutput(r.stdout);
}

;// CONCATENATED MODULE: ./packages/slurm/src/index.ts
// Public surface of @eda-oci/slurm: Slurm client (commands, job monitor, state model), container jobs
// (slurm-submit-container, eda-oci submit), oci.conf per Slurm release (generator, linter), version detection.












;// CONCATENATED MODULE: ./packages/cli/src/commands/oci-conf.ts
// `eda-oci oci-conf`: print an oci.conf for a Slurm release wired to the eda-oci runtime shim, or lint an existing one.




const oci_conf_HELP = `Usage: eda-oci oci-conf [--slurm-version auto|VERSION] [--shim PATH] [--runc PATH] [--state-root PATTERN]
       eda-oci oci-conf --check FILE [--slurm-version auto|VERSION]

Prints an oci.conf (the --container configuration of Slurm, next to slurm.conf) that works on that Slurm release:
run mode through the eda-oci runtime shim (one shared bundle runs for every user), a per-user runc state root that
exists on compute nodes without a login session, EnvExclude where the release has it. With --check, lints FILE
against that release's keys and patterns instead (exit 1 when it has errors).

Options:
  --slurm-version V   auto (default: from 'scontrol --version') or a release: ${OCI_CONF_RELEASES.map((r) => r.version).join(', ')}
  --shim PATH         the runtime shim on compute nodes (default ${DEFAULT_SHIM_PATH};
                      install packages/slurm/shim/oci-runtime-shim there, mode 0755; needs python3)
  --runc PATH         runc on compute nodes (default: runc on slurmstepd's PATH)
  --state-root P      per-user runc state root (default ${DEFAULT_STATE_ROOT}; must contain %u)
  --check FILE        lint FILE instead of printing a new one
  --json              one JSON object on stdout: {"slurm-version", "oci-conf"} (the text), or with --check the
                      findings {ok, version, approximate, issues: [{line, severity, message, hint}]}
  -h, --help          this help

Output: the oci.conf text on stdout (install it as oci.conf next to slurm.conf on every node); with --check one line
per finding (FILE:LINE: error|warning: message; hint) and a last line FILE: ok|NOT OK for Slurm VERSION.

Exit codes: 0 printed (or --check found no errors; warnings allowed), 1 --check found errors (or an error, e.g. an
unknown Slurm release), 2 usage error.`;
const oci_conf_OPTIONS = {
    'slurm-version': { type: 'string' },
    shim: { type: 'string' },
    runc: { type: 'string' },
    'state-root': { type: 'string' },
    check: { type: 'string' },
};
const ociConfCommand = {
    name: 'oci-conf',
    summary: 'print an oci.conf for a Slurm release (runtime shim wired in), or lint one (--check)',
    options: oci_conf_OPTIONS,
    help: oci_conf_HELP,
    async run(args, { out }) {
        const v = parseCommandLine('oci-conf', args, oci_conf_OPTIONS, oci_conf_HELP, out);
        if (!v)
            return EXIT.ok;
        const requested = v['slurm-version'] ?? 'auto';
        if (requested.startsWith('-'))
            throw usageError('oci-conf', `--slurm-version needs a value, got '${requested}'`);
        const version = requested === 'auto' ? await detectSlurmVersion() : requested;
        if (v.check !== undefined) {
            if (v.shim || v.runc || v['state-root'])
                throw usageError('oci-conf', '--check lints a file; --shim, --runc and --state-root only apply when generating');
            let text;
            try {
                text = await (0,promises_namespaceObject.readFile)(v.check, 'utf8');
            }
            catch (err) {
                throw new errors_ConfigurationError(`cannot read ${v.check}: ${err.message}`, 'give the path of an oci.conf');
            }
            const result = checkOciConf(text, version);
            if (v.json)
                out.write(`${JSON.stringify(result)}\n`);
            else {
                for (const i of result.issues) {
                    out.write(`${v.check}:${i.line}: ${i.severity}: ${i.message}; ${i.hint}\n`);
                }
                const errors = result.issues.filter((i) => i.severity === 'error').length;
                out.write(`${v.check}: ${result.ok ? 'ok' : 'NOT OK'} for Slurm ${result.version}${result.approximate ? ` (closest known to ${version})` : ''}: ${errors} error(s), ${result.issues.length - errors} warning(s)\n`);
            }
            return result.ok ? EXIT.ok : EXIT.failed;
        }
        const text = generateOciConf({ slurmVersion: version, shimPath: v.shim, runcPath: v.runc, stateRoot: v['state-root'] });
        out.write(v.json ? `${JSON.stringify({ 'slurm-version': version, 'oci-conf': text })}\n` : text);
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/catalog/catalog.schema.json
const catalog_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://raw.githubusercontent.com/org/eda-oci/v1/packages/catalog/catalog.schema.json","title":"eda-oci bundle catalog file","description":"One bundle of the catalog: <catalog-dir>/<name>.yml, where <name> (the file name without .yml/.yaml) is the bundle name. eda-oci validates every file against this schema, then checks image references, the config overlay, runc tests, Slurm partitions and time limits with the same code the actions use.","type":"object","required":["image","smoke"],"additionalProperties":false,"properties":{"image":{"description":"Image reference as docker pulls it, with an explicit tag or digest: registry.example.com:5000/cad/tool:1.0 or registry.example.com/cad/tool@sha256:<64 hex digits>.","type":"string","minLength":1,"maxLength":512,"format":"image-reference"},"platform":{"description":"Image platform os/arch[/variant], e.g. linux/amd64. Default: the Docker daemon\'s platform.","type":"string","format":"platform"},"description":{"description":"What this bundle is for, shown in plans and summaries (one line).","type":"string","maxLength":500,"pattern":"^[^\\\\n\\\\r]*$"},"config":{"description":"Overlay merged into config.json: the `config` input of build-oci-bundle (same keys, same validation).","type":"object","additionalProperties":false,"properties":{"env":{"description":"Environment variables set in the container, NAME: value (e.g. LM_LICENSE_FILE: 27000@lic1).","type":"object"},"cwd":{"description":"Working directory inside the container (absolute path).","type":"string"},"args":{"description":"Default process arguments (a list).","type":"array"},"hostname":{"description":"Host name inside the container.","type":"string"},"mounts":{"description":"Extra mounts: {destination, type, source, options}, e.g. {destination: /tools, type: none, source: /opt/tools, options: [rbind, ro]}.","type":"array"},"annotations":{"description":"OCI annotations, key: value.","type":"object"}}},"tests":{"description":"runc tests run on the built bundle: the `tests` input of test-bundle-runc (same schema, same validation).","type":"array","minItems":1,"items":{"type":"object","required":["name"],"additionalProperties":false,"properties":{"name":{"description":"Unique test name.","type":"string","minLength":1},"run":{"description":"Shell command run with /bin/sh -c inside the bundle (or use args).","type":"string"},"args":{"description":"Program and arguments run directly (instead of run).","type":"array","minItems":1},"expect-exit":{"description":"Expected exit status (default 0).","type":"integer"},"expect-stdout":{"description":"JavaScript regular expression searched in stdout (multiline).","type":["string","number"]},"expect-stderr":{"description":"JavaScript regular expression searched in stderr (multiline).","type":["string","number"]},"timeout-seconds":{"description":"Per-test timeout in seconds.","type":"integer"}}}},"smoke":{"description":"The Slurm smoke run of this bundle: every command on every partition in every mode.","type":"object","required":["partitions","commands"],"additionalProperties":false,"properties":{"partitions":{"description":"Slurm partitions to smoke on (one name per item, as sinfo shows them).","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","format":"slurm-partition"}},"modes":{"description":"How the smoke jobs are started: srun (interactive step) and/or sbatch (batch job).","type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string","enum":["srun","sbatch"]},"default":["srun","sbatch"]},"time-limit":{"description":"Slurm time limit of each smoke job as sbatch --time takes it (minutes, MM:SS, HH:MM:SS, D-HH...).","type":["string","integer"],"format":"slurm-time-limit","default":"5"},"commands":{"description":"Smoke commands, each run inside the bundle by /bin/sh -c.","type":"array","minItems":1,"items":{"type":"object","required":["name","run"],"additionalProperties":false,"properties":{"name":{"description":"Unique command name (letters, digits, ., _ and -); part of the smoke cell id bundle/partition/mode/name.","type":"string","pattern":"^[A-Za-z0-9._-]+$","maxLength":64},"run":{"description":"Shell command run inside the container.","type":"string","minLength":1}}}}}}}}');
;// CONCATENATED MODULE: ./packages/catalog/src/schema.ts
// A small JSON Schema (draft 2020-12) interpreter for the keywords catalog.schema.json uses, so the published schema is
// what validation runs: a keyword it does not know makes compileSchema throw instead of being silently ignored.

const ASSERTIONS = new Set([
    'type',
    'properties',
    'required',
    'additionalProperties',
    'items',
    'minItems',
    'maxItems',
    'uniqueItems',
    'pattern',
    'enum',
    'minLength',
    'maxLength',
    'format',
]);
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples']);
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'null']);
/**
 * Checks that `schema` uses only keywords this interpreter implements (and that every `format` has a checker), so a
 * keyword added to the schema file cannot be ignored by validation. Throws a plain Error: this is a programming error.
 */
function compileSchema(schema, formats) {
    const walk = (node, where) => {
        if (typeof node !== 'object' || node === null || Array.isArray(node))
            throw new Error(`schema ${where} is not an object`);
        for (const [k, v] of Object.entries(node)) {
            if (ANNOTATIONS.has(k))
                continue;
            if (!ASSERTIONS.has(k))
                throw new Error(`schema ${where} uses the keyword '${k}', which the catalog validator does not implement`);
            if (k === 'type') {
                for (const t of Array.isArray(v) ? v : [v])
                    if (!TYPES.has(t))
                        throw new Error(`schema ${where}: unknown type '${t}'`);
            }
            if (k === 'properties')
                for (const [p, s] of Object.entries(v))
                    walk(s, `${where}.properties.${p}`);
            if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object'))
                walk(v, `${where}.${k}`);
            if (k === 'format' && !formats[v])
                throw new Error(`schema ${where}: no checker for format '${v}'`);
            if (k === 'pattern')
                new RegExp(v, 'u');
        }
    };
    walk(schema, '#');
    return { root: schema, formats };
}
/** Describes a value for messages: `a string 'x'`, `a list`, `a mapping`, `nothing`. */
function describeValue(v) {
    if (v === null || v === undefined)
        return 'nothing';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'a mapping';
    if (typeof v === 'string')
        return `the string ${JSON.stringify(v)}`;
    if (typeof v === 'number')
        return `the number ${v}`;
    return `${typeof v} ${String(v)}`;
}
const TYPE_WORDS = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'nothing (null)',
};
function hasType(v, t) {
    switch (t) {
        case 'object':
            return typeof v === 'object' && v !== null && !Array.isArray(v);
        case 'array':
            return Array.isArray(v);
        case 'string':
            return typeof v === 'string';
        case 'integer':
            return typeof v === 'number' && Number.isInteger(v);
        case 'number':
            return typeof v === 'number' && Number.isFinite(v);
        case 'boolean':
            return typeof v === 'boolean';
        case 'null':
            return v === null;
        default:
            return false;
    }
}
/** Levenshtein distance (small strings: schema keys). */
function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let prev = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cur = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
            prev = cur;
        }
    }
    return row[b.length];
}
/** The known word closest to `word` when it is plausibly a typo of it (or a prefix/extension of it). */
function closest(word, known) {
    const w = word.toLowerCase();
    if (w.length >= 3) {
        const extended = known.filter((k) => k.startsWith(w)).sort((a, b) => a.length - b.length)[0];
        if (extended !== undefined)
            return extended;
    }
    let best;
    let bestD = Infinity;
    for (const k of known) {
        const d = distance(word, k);
        if (d < bestD)
            [best, bestD] = [k, d];
    }
    if (best === undefined)
        return undefined;
    const limit = Math.max(2, Math.floor(best.length / 3));
    const related = best.startsWith(word.toLowerCase()) || word.toLowerCase().startsWith(best);
    return bestD <= limit || (related && word.length >= 3) ? best : undefined;
}
function equal(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
/**
 * Validates `value` against a compiled schema; returns the first violation in document order (keys in the order the
 * schema lists them, then unknown keys), or undefined. Hints come from the nearest `description`.
 */
function validateSchema(value, schema) {
    return check(value, schema.root, [], schema.root.description ?? '', schema.formats);
}
function check(v, s, path, hintUp, formats) {
    const hint = s.description ?? hintUp;
    const fail = (keyword, message, h = hint, at = 'value', p = path) => ({
        path: p,
        at,
        keyword,
        message,
        hint: h,
    });
    if (s.type !== undefined) {
        const types = Array.isArray(s.type) ? s.type : [s.type];
        if (!types.some((t) => hasType(v, t))) {
            return fail('type', `must be ${types.map((t) => TYPE_WORDS[t]).join(' or ')}, got ${describeValue(v)}`);
        }
    }
    if (s.enum && !s.enum.some((e) => equal(e, v))) {
        const options = s.enum.map(String);
        const near = typeof v === 'string' ? closest(v, options) : undefined;
        return fail('enum', `${describeValue(v)} is not one of ${options.join(', ')}`, near ? `did you mean '${near}'?` : `use one of ${options.join(', ')}`);
    }
    if (typeof v === 'string') {
        if (s.minLength !== undefined && [...v].length < s.minLength) {
            return fail('minLength', s.minLength === 1 ? 'must not be empty' : `is shorter than ${s.minLength} characters`);
        }
        if (s.maxLength !== undefined && [...v].length > s.maxLength)
            return fail('maxLength', `is longer than ${s.maxLength} characters`);
        if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) {
            return fail('pattern', `${describeValue(v)} does not match the pattern ${s.pattern}`);
        }
    }
    if (s.format !== undefined && (typeof v === 'string' || typeof v === 'number')) {
        try {
            formats[s.format](String(v));
        }
        catch (err) {
            if (!(err instanceof errors_ConfigurationError))
                throw err;
            return fail('format', err.problem, err.hint ?? hint);
        }
    }
    if (Array.isArray(v)) {
        if (s.minItems !== undefined && v.length < s.minItems) {
            return fail('minItems', `needs at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}, got ${v.length === 0 ? 'an empty list' : v.length}`);
        }
        if (s.maxItems !== undefined && v.length > s.maxItems)
            return fail('maxItems', `has ${v.length} items, at most ${s.maxItems} are allowed`);
        if (s.items) {
            for (let i = 0; i < v.length; i++) {
                const r = check(v[i], s.items, [...path, i], hint, formats);
                if (r)
                    return r;
            }
        }
        if (s.uniqueItems) {
            for (let i = 1; i < v.length; i++) {
                const j = v.findIndex((x) => equal(x, v[i]));
                if (j < i)
                    return fail('uniqueItems', `${describeValue(v[i])} is listed twice (also at [${j}])`, 'remove the duplicate', 'value', [
                        ...path,
                        i,
                    ]);
            }
        }
    }
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const obj = v;
        const props = s.properties ?? {};
        // Unknown keys first: 'imgae' is better reported as a typo of 'image' than as 'image' missing.
        for (const k of Object.keys(obj)) {
            if (k in props)
                continue;
            if (s.additionalProperties === false) {
                const known = Object.keys(props);
                const near = closest(k, known);
                return fail('additionalProperties', `unknown key '${k}'`, near ? `did you mean '${near}'? (allowed here: ${known.join(', ')})` : `allowed here: ${known.join(', ')}`, 'key', [...path, k]);
            }
            if (typeof s.additionalProperties === 'object') {
                const r = check(obj[k], s.additionalProperties, [...path, k], hint, formats);
                if (r)
                    return r;
            }
        }
        for (const r of s.required ?? []) {
            if (!(r in obj)) {
                return fail('required', `missing required key '${r}'`, `add '${r}:' (${props[r]?.description ?? 'required'})`);
            }
        }
        for (const [k, sub] of Object.entries(props)) {
            if (k in obj) {
                const r = check(obj[k], sub, [...path, k], hint, formats);
                if (r)
                    return r;
            }
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./packages/catalog/src/yaml-doc.ts
// YAML with line numbers: parses a catalog file keeping node positions so every error can name its line.

/** Parses YAML 1.2 (core schema): duplicate keys, multiple documents and unresolved aliases are syntax errors. */
function parseLocated(text) {
    const lc = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true });
    const lineAt = (offset) => lc.linePos(offset).line;
    const first = doc.errors[0];
    if (first) {
        const msg = first.code === 'DUPLICATE_KEY' ? duplicateKeyMessage(doc, first.pos[0]) : first.message.split('\n')[0];
        return { line: lineAt(first.pos[0]), message: msg };
    }
    let value;
    try {
        // A small alias budget: catalog files need none, and it stops "billion laughs" expansion.
        value = doc.toJS({ maxAliasCount: 50 });
    }
    catch (err) {
        return { line: 1, message: err.message.split('\n')[0] };
    }
    return {
        value,
        lineOf(path, at = 'value') {
            let node = doc.contents;
            let line = node && node.range ? lineAt(node.range[0]) : 1;
            for (let i = 0; i < path.length; i++) {
                const seg = path[i];
                const last = i === path.length - 1;
                if ((0,dist/* isMap */.jh)(node)) {
                    const pair = node.items.find((p) => ((0,dist/* isScalar */.jn)(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
                    if (!pair)
                        return line;
                    const key = pair.key;
                    if (key?.range)
                        line = lineAt(key.range[0]);
                    if (last && at === 'key')
                        return line;
                    node = pair.value;
                }
                else if ((0,dist/* isSeq */.oP)(node) && typeof seg === 'number') {
                    node = node.items[seg];
                }
                else {
                    return line;
                }
                if ((0,dist/* isPair */.tO)(node))
                    node = node.value;
                const range = node?.range;
                if (range)
                    line = lineAt(range[0]);
            }
            return line;
        },
    };
}
function duplicateKeyMessage(doc, offset) {
    let key;
    const visit = (n) => {
        if (key !== undefined)
            return;
        if ((0,dist/* isMap */.jh)(n)) {
            for (const p of n.items) {
                const k = p.key;
                if (k?.range && k.range[0] === offset)
                    key = (0,dist/* isScalar */.jn)(k) ? String(k.value) : String(k);
                visit(p.value);
            }
        }
        else if ((0,dist/* isSeq */.oP)(n))
            n.items.forEach(visit);
    };
    visit(doc.contents);
    return key !== undefined ? `the key '${key}' appears twice in the same mapping` : 'a key appears twice in the same mapping';
}

;// CONCATENATED MODULE: ./packages/catalog/src/catalog.ts
// The bundle catalog: one YAML file per bundle (<catalog-dir>/<name>.yml), validated against catalog.schema.json plus
// the semantic checks the actions themselves apply; every error is one line naming file, line and field.










/** A catalog error: one line `file:line: field: what; how to fix`. */
class CatalogError extends errors_ConfigurationError {
    file;
    line;
    field;
    what;
    name = 'CatalogError';
    constructor(file, line, field, what, hint) {
        super(`${file}${line !== undefined ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${what}`, hint);
        this.file = file;
        this.line = line;
        this.field = field;
        this.what = what;
    }
}
/** Default smoke modes and time limit (also the schema's `default`s). */
const DEFAULT_MODES = ['srun', 'sbatch'];
const DEFAULT_TIME_LIMIT = '5';
/** Catalog file extensions; both for one name is an error. */
const CATALOG_EXTENSIONS = ['.yml', '.yaml'];
/** Largest catalog file read (a catalog file is a few hundred bytes). */
const MAX_CATALOG_FILE_BYTES = 256 * 1024;
/** The catalog JSON Schema (packages/catalog/catalog.schema.json) as an object. */
const CATALOG_SCHEMA = (/* unused pure expression or super */ null && (schemaJson));
const schema = compileSchema(catalog_schema_namespaceObject, {
    'image-reference': (v) => {
        const ref = parseImageReference(v);
        if (ref.isId) {
            throw new errors_ConfigurationError(`image '${v}' is a local image id, which CI runners cannot pull`, 'use registry/repository:tag or @sha256:<digest>');
        }
        if (!ref.tag && !ref.digest) {
            throw new errors_ConfigurationError(`image '${v}' has no tag or digest, so every build could get a different image`, `pin it: ${v}:1.0 or ${v}@sha256:<64 hex digits>`);
        }
    },
    platform: (v) => void validatePlatform(v),
    'slurm-partition': (v) => {
        if (v.includes(',')) {
            throw new errors_ConfigurationError(`partition '${v}' names several partitions`, 'list each partition as its own item: [a, b]');
        }
        try {
            validatePartition(v);
        }
        catch (err) {
            // validatePartition also accepts a,b lists (sbatch -p a,b); here one item is one partition, so its hint differs.
            if (err instanceof errors_ConfigurationError)
                throw new errors_ConfigurationError(err.problem, 'use a partition name as sinfo shows it (letters, digits, _ . -)');
            throw err;
        }
    },
    'slurm-time-limit': (v) => void validateTimeLimit(v),
});
/** Field path as users read it: `smoke.partitions[1]`. */
function formatPath(p) {
    let s = '';
    for (const seg of p)
        s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
    return s;
}
/** The bundle name a catalog file stands for, or undefined when it is not a catalog file name (.yml/.yaml). */
function catalogName(file) {
    const base = external_node_path_default().posix.basename(file.replace(/\\/g, '/'));
    const ext = CATALOG_EXTENSIONS.find((e) => base.endsWith(e));
    return ext ? base.slice(0, -ext.length) : undefined;
}
/**
 * Parses and validates the text of one catalog file. `file` names it in errors and its base name (without
 * .yml/.yaml) is the bundle name. Throws CatalogError (a ConfigurationError) naming file, line and field.
 */
function parseCatalogText(text, file) {
    const name = catalogName(file);
    if (name === undefined)
        throw new CatalogError(file, undefined, undefined, 'a catalog file name must end in .yml or .yaml', 'rename it to <bundle-name>.yml');
    try {
        validateBundleName(name);
    }
    catch (err) {
        if (!(err instanceof errors_ConfigurationError))
            throw err;
        throw new CatalogError(file, undefined, 'file name', `${err.problem} (the file name is the bundle name)`, err.hint);
    }
    if (text.includes('\0'))
        throw new CatalogError(file, undefined, undefined, 'the file contains NUL bytes, so it is not YAML text', 'save it as UTF-8 text');
    const doc = parseLocated(text);
    if (!('value' in doc))
        throw new CatalogError(file, doc.line, undefined, `YAML syntax error: ${doc.message}`, 'fix the YAML syntax');
    const v = doc.value;
    if (v === null || v === undefined) {
        throw new CatalogError(file, 1, undefined, 'the file is empty', 'a catalog file needs at least image: and smoke: (see packages/catalog/catalog.schema.json)');
    }
    if (typeof v !== 'object' || Array.isArray(v)) {
        throw new CatalogError(file, doc.lineOf([]), '(top level)', `must be a mapping of keys (image, smoke, ...), got ${Array.isArray(v) ? 'a list' : 'a single value'}`, 'write key: value lines, e.g. image: registry.example.com/cad/tool:1.0');
    }
    const violation = validateSchema(v, schema);
    if (violation) {
        throw new CatalogError(file, doc.lineOf(violation.path, violation.at), formatPath(violation.path) || '(top level)', violation.message, violation.hint);
    }
    const raw = v;
    if (raw.config !== undefined)
        checkWith(doc, file, ['config'], () => validateOverlay(raw.config), configLocation);
    if (raw.tests !== undefined)
        checkWith(doc, file, ['tests'], () => validateTests(raw.tests, 'tests', { timeoutSeconds: 60 }), testsLocation(raw.tests));
    const smoke = raw.smoke;
    const commands = smoke.commands;
    commands.forEach((c, i) => {
        const j = commands.findIndex((o) => o.name === c.name);
        if (j < i) {
            throw new CatalogError(file, doc.lineOf(['smoke', 'commands', i, 'name']), `smoke.commands[${i}].name`, `the command name '${c.name}' is already used by smoke.commands[${j}]`, 'give every smoke command a unique name (it is part of the smoke cell id)');
        }
    });
    const entry = {
        name,
        file,
        image: raw.image,
        smoke: {
            partitions: [...smoke.partitions],
            modes: [...(smoke.modes ?? DEFAULT_MODES)],
            timeLimit: smoke['time-limit'] === undefined ? DEFAULT_TIME_LIMIT : String(smoke['time-limit']),
            commands: commands.map((c) => ({ name: c.name, run: c.run })),
        },
    };
    if (raw.platform !== undefined)
        entry.platform = raw.platform;
    if (raw.description !== undefined)
        entry.description = raw.description;
    if (raw.config !== undefined)
        entry.config = raw.config;
    if (raw.tests !== undefined)
        entry.tests = raw.tests;
    return entry;
}
/** Runs an existing validator; its ConfigurationError becomes a CatalogError at the line `locate` finds. */
function checkWith(doc, file, base, fn, locate) {
    try {
        fn();
    }
    catch (err) {
        if (!(err instanceof errors_ConfigurationError))
            throw err;
        const where = locate(err.problem);
        const p = where.path.length ? where.path : base;
        throw new CatalogError(file, doc.lineOf(p, where.at), undefined, err.problem, err.hint);
    }
}
/** Where a validateOverlay message points: it starts with the field (`config.mounts[0].destination must ...`). */
function configLocation(what) {
    const m = /^(config(?:\.[A-Za-z0-9_-]+|\[\d+\])*)/.exec(what);
    const p = [];
    for (const seg of (m?.[1] ?? 'config').matchAll(/([A-Za-z0-9_-]+)|\[(\d+)\]/g))
        p.push(seg[2] !== undefined ? Number(seg[2]) : seg[1]);
    const key = /has an (?:unknown|invalid) key '([^']*)'/.exec(what);
    if (key)
        return { path: [...p, key[1]], at: 'key' };
    return { path: p, at: 'value' };
}
/** Where a validateTests message points: `tests: test #2 ...` or `tests: 'name' ...` (the test), plus the key it names. */
function testsLocation(tests) {
    return (what) => {
        const list = Array.isArray(tests) ? tests : [];
        let i = -1;
        const num = /test #(\d+)/.exec(what);
        if (num)
            i = Number(num[1]) - 1;
        const named = /^tests: (?:test (?:name )?)?'([^']*)'/.exec(what);
        if (i < 0 && named) {
            const matches = list.map((t, k) => (t?.name === named[1] ? k : -1)).filter((k) => k >= 0);
            i = matches[/is used twice/.test(what) ? 1 : 0] ?? -1;
        }
        if (i < 0)
            return { path: ['tests'], at: 'value' };
        const unknown = /unknown key '([^']*)'/.exec(what);
        if (unknown)
            return { path: ['tests', i, unknown[1]], at: 'key' };
        const key = /: (run|args|expect-exit|expect-stdout|expect-stderr|timeout-seconds)\b/.exec(what);
        if (key)
            return { path: ['tests', i, key[1]], at: 'value' };
        if (/is used twice/.test(what))
            return { path: ['tests', i, 'name'], at: 'value' };
        return { path: ['tests', i], at: 'value' };
    };
}
/** Reads and validates one catalog file; errors name `file` as given. */
async function loadCatalogFile(file) {
    return readCatalogFile(file, file);
}
/** Reads `source`, naming it `file` in the entry and in errors. */
async function readCatalogFile(source, file) {
    let text;
    try {
        const buf = await (0,promises_namespaceObject.readFile)(source);
        if (buf.length > MAX_CATALOG_FILE_BYTES) {
            throw new CatalogError(file, undefined, undefined, `the file has ${buf.length} bytes, more than a catalog file needs`, `keep it under ${MAX_CATALOG_FILE_BYTES} bytes`);
        }
        text = buf.toString('utf8');
    }
    catch (err) {
        if (err instanceof CatalogError)
            throw err;
        const code = err.code;
        throw new CatalogError(file, undefined, undefined, code === 'ENOENT' ? 'no such catalog file' : `cannot read the catalog file: ${err.message}`, code === 'ENOENT' ? 'check the bundle name and --catalog-dir' : 'check its permissions');
    }
    return parseCatalogText(text, file);
}
/**
 * Loads the catalog entry of bundle `name` from `dir`: `<dir>/<name>.yml` or `<dir>/<name>.yaml` (both is an error,
 * as in loadCatalog). For `eda-oci smoke --name NAME`.
 */
async function loadCatalogEntry(dir, name) {
    validateBundleName(name);
    const found = CATALOG_EXTENSIONS.map((ext) => external_node_path_default().join(dir, `${name}${ext}`)).filter((f) => (0,external_node_fs_namespaceObject.existsSync)(f));
    if (found.length === 0) {
        throw new CatalogError(external_node_path_default().join(dir, `${name}.yml`), undefined, undefined, `no catalog file for bundle '${name}' (neither ${name}.yml nor ${name}.yaml in ${dir})`, 'check the name and the catalog directory (default bundles)');
    }
    const twice = duplicateNameErrors(found)[0];
    if (twice)
        throw twice;
    return loadCatalogFile(found[0]);
}
/**
 * One error for several bad files: the first file's error line, then how many more files have errors and which
 * (each is reported fully when checked on its own, e.g. by fixing the first and running again).
 */
function combineCatalogErrors(errors) {
    const [first, ...rest] = errors;
    if (!first)
        throw new Error('combineCatalogErrors needs at least one error');
    if (rest.length === 0)
        return first;
    const files = [...new Set(rest.map((e) => e.file))].filter((f) => f !== first.file);
    if (files.length === 0)
        return first;
    const more = `(${files.length} more file${files.length === 1 ? '' : 's'} with errors: ${files.join(', ')})`;
    return new CatalogError(first.file, first.line, first.field, first.what, first.hint ? `${first.hint} ${more}` : more);
}
/** Checks that no bundle name has both a .yml and a .yaml file; `files` are paths (any directory). */
function duplicateNameErrors(files) {
    const byName = new Map();
    const errors = [];
    for (const f of [...files].sort()) {
        const n = catalogName(f);
        if (n === undefined)
            continue;
        const other = byName.get(n);
        if (other !== undefined) {
            errors.push(new CatalogError(f, undefined, undefined, `bundle '${n}' is also defined by ${other}`, `keep one of ${external_node_path_default().posix.basename(other)} and ${external_node_path_default().posix.basename(f)}`));
        }
        else
            byName.set(n, f);
    }
    return errors;
}
/**
 * Loads every catalog file (*.yml, *.yaml) directly in `dir`, sorted by bundle name. Subdirectories and other files
 * are ignored. Every file is checked; with errors it throws one CatalogError: the first error and the other bad files.
 */
async function loadCatalog(dir, options = {}) {
    let dirents;
    try {
        dirents = await (0,promises_namespaceObject.readdir)(dir, { withFileTypes: true });
    }
    catch (err) {
        const code = err.code;
        throw new errors_ConfigurationError(`catalog directory '${dir}' ${code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read: ${err.message}`}`, 'set the catalog directory (default bundles) to the folder that holds <name>.yml files');
    }
    // Symlinks count too (a catalog file may be a link), directories never: stat follows the link in loadCatalogFile.
    const names = dirents
        .filter((d) => (d.isFile() || d.isSymbolicLink()) && catalogName(d.name) !== undefined)
        .map((d) => d.name)
        .sort();
    const shown = (n) => (options.as === undefined ? external_node_path_default().join(dir, n) : options.as === '' ? n : `${options.as}/${n}`);
    const errors = duplicateNameErrors(names.map(shown));
    const entries = [];
    for (const n of names) {
        try {
            entries.push(await readCatalogFile(external_node_path_default().join(dir, n), shown(n)));
        }
        catch (err) {
            if (err instanceof CatalogError)
                errors.push(err);
            else
                throw err;
        }
    }
    if (errors.length)
        throw combineCatalogErrors(errors.sort((a, b) => a.file.localeCompare(b.file)));
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
/** Every smoke job of `entries`: partitions x modes x commands, in that order per entry; id `bundle/partition/mode/command`. */
function smokeCells(entries) {
    const cells = [];
    for (const e of entries) {
        for (const partition of e.smoke.partitions) {
            for (const mode of e.smoke.modes) {
                for (const c of e.smoke.commands) {
                    cells.push({
                        id: `${e.name}/${partition}/${mode}/${c.name}`,
                        bundle: e.name,
                        partition,
                        mode,
                        command: c.name,
                        run: c.run,
                        timeLimit: e.smoke.timeLimit,
                    });
                }
            }
        }
    }
    return cells;
}

;// CONCATENATED MODULE: ./packages/catalog/src/plan.ts
// The catalog plan: which bundles a change touches, from real git history (merge-base of base and head, then the
// renamed-aware diff of the catalog directory); file contents come from `head`, never from the working tree.




const ZERO_SHA = /^(0{40}|0{64})$/;
const GIT_TIMEOUT_MS = 60_000;
const FETCH_DEPTH_HINT = 'the checkout lacks history: use actions/checkout with fetch-depth: 0 (or git fetch --unshallow) so base and head are both present';
/** True for the all-zero SHA GitHub sends as `before` when a branch is created. */
function isZeroSha(ref) {
    return ZERO_SHA.test(ref);
}
/**
 * Validates a git revision given by a user (a SHA, branch, tag, HEAD~1, origin/main): refuses what git would read as
 * an option (leading '-'), ranges (..), the rev:path syntax and characters git's ref grammar forbids.
 */
function validateGitRevision(value, what) {
    const fix = `give a commit SHA, branch, tag or an expression such as HEAD~1 for ${what}`;
    if (value === '')
        throw new errors_ConfigurationError(`${what} is empty`, fix);
    if (value.startsWith('-'))
        throw new errors_ConfigurationError(`${what} '${value}' starts with '-', which git would read as an option`, fix);
    if (value.length > 256 || !/^[A-Za-z0-9_./@{}~^+-]+$/.test(value) || value.includes('..') || value.includes('@{-')) {
        throw new errors_ConfigurationError(`${what} '${value}' is not a git revision (letters, digits and / . _ - ~ ^ @ {} +; no ranges, spaces or ':')`, fix);
    }
    return value;
}
/** Normalizes a catalog directory relative to the repository root: `bundles/` -> `bundles`, `.` -> ``. */
function normalizeCatalogDir(dir) {
    const fix = 'give the catalog directory relative to the repository root, e.g. bundles';
    if (dir === '' || dir.includes('\0') || dir.startsWith('-'))
        throw new errors_ConfigurationError(`catalog directory '${dir}' is not valid`, fix);
    const p = dir.replace(/\\/g, '/');
    if (p.startsWith('/'))
        throw new errors_ConfigurationError(`catalog directory '${dir}' is absolute`, fix);
    const n = external_node_path_default().posix.normalize(p).replace(/\/+$/, '');
    if (n === '..' || n.startsWith('../'))
        throw new errors_ConfigurationError(`catalog directory '${dir}' is outside the repository`, fix);
    return n === '.' ? '' : n;
}
/** True when `file` (repo-relative) is a catalog file directly in `dir` (normalized). */
function inCatalogDir(file, dir) {
    const parent = external_node_path_default().posix.dirname(file);
    return (parent === '.' ? '' : parent) === dir && catalogName(file) !== undefined;
}
/** Parses `git diff --name-status -z` output into changes (R<score> has old and new path). */
function parseNameStatus(out) {
    const f = out.split('\0');
    const res = [];
    for (let i = 0; i < f.length && f[i] !== '';) {
        const st = f[i++];
        if (st.startsWith('R') || st.startsWith('C')) {
            const oldFile = f[i++];
            const file = f[i++];
            res.push({ status: st[0], file, oldFile });
        }
        else {
            res.push({ status: st[0], file: f[i++] });
        }
    }
    return res;
}
/**
 * Plans a change of the catalog between `base` and `head`: the merge-base of both, then `git diff --name-status -M`
 * restricted to catalog files directly in `catalogDir`. Added, modified and renamed files become `bundles` (read from
 * head and validated: one bad file fails the plan with its file:line error), deleted ones `removed` (a rename's old
 * name too). An all-zero base plans every bundle at head.
 */
async function planCatalog(o, deps = {}) {
    const run = deps.run ?? runCommand;
    const logger = deps.logger ?? logger_silentLogger;
    const zeroBase = isZeroSha(o.base);
    if (!zeroBase)
        validateGitRevision(o.base, 'base');
    validateGitRevision(o.head, 'head');
    const dir = normalizeCatalogDir(o.catalogDir);
    if (!o.repo || o.repo.includes('\0'))
        throw new errors_ConfigurationError(`repository directory '${o.repo}' is not valid`, 'give the checkout directory');
    const git = async (args, okExitCodes = [0], maxOutputBytes = 16 * 1024 * 1024) => {
        try {
            return await run('git', ['-C', o.repo, ...args], {
                env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
                timeoutMs: GIT_TIMEOUT_MS,
                okExitCodes,
                maxOutputBytes,
                signal: deps.signal,
                logger,
                quiet: true,
            });
        }
        catch (err) {
            if (err instanceof errors_CommandFailedError) {
                const why = err.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? err.message;
                const dubious = /dubious ownership/.test(err.stderr);
                throw new errors_ConfigurationError(`git ${args[0]} failed in '${o.repo}': ${why}`, dubious
                    ? `the checkout belongs to another user: git config --global --add safe.directory ${o.repo}`
                    : /not a git repository/.test(err.stderr)
                        ? 'run in the repository checkout (actions/checkout) or pass its directory'
                        : 'check the repository and the revisions');
            }
            throw err;
        }
    };
    const shallow = async () => (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true';
    const resolve = async (ref, what) => {
        const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], [0, 1]);
        if (r.exitCode !== 0) {
            const isShallow = await shallow();
            throw new errors_ConfigurationError(`${what} '${ref}' is not a commit in ${o.repo}${isShallow ? ' (the clone is shallow)' : ''}`, isShallow || /^[0-9a-f]{7,64}$/.test(ref) ? FETCH_DEPTH_HINT : `check the ${what} revision (git log shows the commits)`);
        }
        return r.stdout.trim();
    };
    const head = await resolve(o.head, 'head');
    const listing = await headListing(git, head, dir);
    let mergeBase = null;
    let base = o.base;
    let raw;
    if (zeroBase) {
        raw = listing.map((file) => ({ status: 'A', file }));
    }
    else {
        base = await resolve(o.base, 'base');
        const mb = await git(['merge-base', base, head], [0, 1]);
        if (mb.exitCode !== 0) {
            const isShallow = await shallow();
            throw new errors_ConfigurationError(`base ${base.slice(0, 12)} and head ${head.slice(0, 12)} have no common ancestor in ${o.repo}${isShallow ? ' (the clone is shallow)' : ''}`, isShallow ? FETCH_DEPTH_HINT : 'compare revisions of the same history (the pull request base and head)');
        }
        mergeBase = mb.stdout.trim();
        const diff = await git([
            'diff',
            '--name-status',
            '-z',
            '-M',
            '--no-ext-diff',
            mergeBase,
            head,
            '--',
            `:(top,literal)${dir === '' ? '.' : dir}`,
        ]);
        raw = parseNameStatus(diff.stdout);
    }
    logger.debug(`catalog plan: ${raw.length} changed path(s) under '${dir || '.'}' between ${mergeBase ?? '(none)'} and ${head}`);
    const changes = [];
    for (const c of raw) {
        const newIn = inCatalogDir(c.file, dir);
        if (c.status === 'R' || c.status === 'C') {
            const oldIn = c.status === 'R' && inCatalogDir(c.oldFile, dir);
            if (newIn && oldIn)
                changes.push({ status: 'renamed', file: c.file, oldFile: c.oldFile });
            else if (newIn)
                changes.push({ status: 'added', file: c.file });
            else if (oldIn)
                changes.push({ status: 'deleted', file: c.oldFile });
        }
        else if (newIn) {
            const status = c.status === 'A' ? 'added' : c.status === 'D' ? 'deleted' : 'modified';
            changes.push({ status, file: c.file });
        }
    }
    changes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const changedNames = new Set(changes.filter((c) => c.status !== 'deleted').map((c) => catalogName(c.file)));
    const errors = duplicateNameErrors(listing).filter((e) => changedNames.has(catalogName(e.file)));
    const bundles = [];
    for (const c of changes) {
        if (c.status === 'deleted')
            continue;
        const show = await git(['cat-file', 'blob', `${head}:${c.file}`], [0], MAX_CATALOG_FILE_BYTES + 1);
        try {
            if (show.truncated || show.stdout.length > MAX_CATALOG_FILE_BYTES) {
                throw new CatalogError(c.file, undefined, undefined, 'the file is larger than a catalog file needs', `keep it under ${MAX_CATALOG_FILE_BYTES} bytes`);
            }
            bundles.push(parseCatalogText(show.stdout, c.file));
        }
        catch (err) {
            if (err instanceof CatalogError)
                errors.push(err);
            else
                throw err;
        }
    }
    if (errors.length)
        throw combineCatalogErrors(errors.sort((a, b) => a.file.localeCompare(b.file)));
    bundles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A name is removed only when no catalog file for it is left at head (tool.yml deleted while tool.yaml stays is not).
    const atHead = new Set(listing.map((f) => catalogName(f)));
    const removed = [];
    for (const c of changes) {
        const gone = c.status === 'deleted' ? c.file : c.status === 'renamed' ? c.oldFile : undefined;
        if (gone === undefined)
            continue;
        const name = catalogName(gone);
        if (!atHead.has(name) && !removed.some((r) => r.name === name))
            removed.push({ name, file: gone });
    }
    removed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { base, head, mergeBase, bundles, removed, changes };
}
/**
 * Plans the bundles to build and their smoke cells: with `all` every catalog file of the working tree (named relative
 * to the repository, as in a git plan), else {@link planCatalog} from `base` to `head`; an all-zero head (a push that
 * deleted the branch) is an empty plan. With `publishedIn` only the bundles present there are kept.
 */
async function planBundles(o, deps = {}) {
    let plan;
    if (o.all) {
        const dir = normalizeCatalogDir(o.catalogDir);
        const bundles = await loadCatalog(external_node_path_default().join(o.repo, dir), { as: dir });
        plan = { bundles, smokes: [], removed: [], changes: [], base: null, head: null, mergeBase: null };
    }
    else if (isZeroSha(o.head)) {
        // No head commit, nothing to build; base and catalog directory are still checked as planCatalog would.
        if (!isZeroSha(o.base))
            validateGitRevision(o.base, 'base');
        normalizeCatalogDir(o.catalogDir);
        plan = { base: o.base, head: o.head, mergeBase: null, bundles: [], removed: [], changes: [], smokes: [] };
    }
    else {
        plan = { ...(await planCatalog({ repo: o.repo, catalogDir: o.catalogDir, base: o.base, head: o.head }, deps)), smokes: [] };
    }
    const published = o.publishedIn;
    if (published !== undefined)
        plan.bundles = plan.bundles.filter((b) => (0,external_node_fs_namespaceObject.existsSync)(external_node_path_default().join(published, b.name)));
    plan.smokes = smokeCells(plan.bundles);
    return plan;
}
/** Catalog files directly in `dir` at commit `head` (repo-relative paths; blobs and symlinks, no trees). */
async function headListing(git, head, dir) {
    const r = await git(['ls-tree', '-z', dir === '' ? `${head}^{tree}` : `${head}:${dir}`], [0, 128]);
    if (r.exitCode !== 0)
        return []; // No catalog directory at head: nothing to plan.
    const files = [];
    for (const line of r.stdout.split('\0')) {
        // "<mode> <type> <object>\t<name>"
        const tab = line.indexOf('\t');
        if (tab < 0)
            continue;
        const [, type] = line.slice(0, tab).split(' ');
        const name = line.slice(tab + 1);
        const file = dir === '' ? name : `${dir}/${name}`;
        if (type === 'blob' && catalogName(name) !== undefined)
            files.push(file);
    }
    return files.sort();
}

;// CONCATENATED MODULE: ./packages/catalog/src/smoke.ts
// Running a catalog entry's smoke test: every smoke cell (partition x mode x command) is one Slurm container job
// (slurm's runContainerJob, the job slurm-submit-container runs), a few at a time, each judged and reported.



/** Cells run at the same time by default: enough to overlap Slurm's scheduling latency, few enough for a shared queue. */
const DEFAULT_SMOKE_PARALLEL = 4;
/** Runs `fn` over `items` with at most `limit` at a time; stops starting new ones once `signal` aborted. */
async function runLimited(items, limit, signal, fn) {
    const results = new Array(items.length).fill(undefined);
    let next = 0;
    const worker = async () => {
        while (next < items.length && !signal?.aborted) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
/** The cell's row from what runContainerJob returned or threw. */
function cellResult(cell, outcome) {
    const r = container_job_resultOf(outcome);
    const ok = 'result' in outcome;
    const message = ok
        ? r.outcome.message
        : outcome.error instanceof Error
            ? outcome.error.message.replace(/\s*\n\s*/g, ' ')
            : String(outcome.error);
    return {
        id: cell.id,
        partition: cell.partition,
        mode: cell.mode,
        command: cell.command,
        run: cell.run,
        jobId: r?.jobId ?? '',
        state: r?.state ?? '',
        exitCode: r ? r.exitCode : null,
        signal: r ? r.signal : null,
        elapsedSeconds: r ? r.elapsedSeconds : null,
        nodes: r?.nodes ?? '',
        verified: r?.verified ?? null,
        ok,
        message,
    };
}
/** A logger that prefixes every line with the cell id (several jobs log at once). */
function cellLogger(base, id) {
    return {
        debug: (m) => base.debug(`[${id}] ${m}`),
        info: (m) => base.info(`[${id}] ${m}`),
        warning: (m) => base.warning(`[${id}] ${m}`),
        error: (m) => base.error(`[${id}] ${m}`),
        group: (_t, fn) => fn(),
    };
}
/**
 * Runs every smoke cell of `entry` against `bundle`. All cells are validated (bundle, partition, time limit, command)
 * before the first job is submitted; a cell fails when its job did not complete with exit code 0 inside the bundle.
 * Throws CancelledError when `signal` aborted (the jobs already submitted are cancelled by runContainerJob).
 */
async function runSmoke(o, deps = {}) {
    const logger = o.logger ?? deps.logger ?? logger_silentLogger;
    const cells = smokeCells([o.entry]);
    const jobOptions = (cell, bundle) => ({
        bundle,
        command: cell.run,
        mode: cell.mode,
        partition: cell.partition,
        timeLimit: cell.timeLimit,
        jobName: `smoke.${cell.bundle}.${cell.command}`.slice(0, 128),
        timeoutSeconds: o.timeoutSeconds ?? 0,
        outputDir: o.outputDir,
        signal: o.signal,
    });
    // Every cell is prepared before the first job is submitted; the first resolves the bundle, the others reuse it.
    const jobs = [];
    for (const cell of cells)
        jobs.push(prepareContainerJob(jobOptions(cell, o.bundle), undefined, jobs[0]));
    const bundlePath = jobs[0]?.bundlePath ?? o.bundle;
    const bundleId = jobs[0]?.bundleId ?? '';
    logger.info(`smoke of ${o.entry.name} (${o.entry.file}): ${cells.length} cell(s), bundle ${bundlePath}${bundleId ? ` (${bundleId})` : ''}`);
    const submitted = [];
    let ended = 0;
    const results = await runLimited(cells, o.parallel ?? DEFAULT_SMOKE_PARALLEL, o.signal, async (cell, i) => {
        o.onCell?.(cell);
        let row;
        try {
            const result = await runContainerJob({
                // The resolved bundle: each cell's log names the version it runs, without "pinned from".
                ...jobOptions(cell, bundlePath),
                prepared: jobs[i],
                onSubmitted: (id) => {
                    submitted.push(id);
                    o.onSubmitted?.(cell, id);
                },
                onOutputLine: (line) => o.onOutputLine?.(cell, line),
            }, { ...deps, logger: cellLogger(o.jobLogger ?? logger, cell.id) });
            row = cellResult(cell, { result });
            logger.info(`[${cell.id}] ok: job ${row.jobId} ${row.message}`);
        }
        catch (error) {
            row = cellResult(cell, { error });
            if (error instanceof SlurmJobError && error.result.outputTail.length) {
                logger.error(`[${cell.id}] ${row.message}; last output lines:`);
                for (const l of error.result.outputTail.slice(-10))
                    logger.error(`[${cell.id}]   ${l}`);
            }
            else if (!(error instanceof errors_CancelledError))
                logger.error(`[${cell.id}] ${row.message}`);
        }
        ended++;
        o.onCell?.(cell, row);
        return row;
    });
    if (o.signal?.aborted) {
        throw new errors_CancelledError(`smoke cancelled after ${ended} of ${cells.length} cell(s) ended` +
            (submitted.length ? `; job(s) ${submitted.join(', ')} were cancelled (scancel) unless they had ended` : '; no job was submitted'));
    }
    const rows = results;
    const passed = rows.filter((r) => r.ok).length;
    return {
        name: o.entry.name,
        bundle: o.bundle,
        bundlePath,
        bundleId,
        cells: rows,
        passed,
        failed: rows.length - passed,
        total: rows.length,
    };
}

;// CONCATENATED MODULE: ./packages/catalog/src/index.ts
// Public surface of @eda-oci/catalog: the bundle catalog (one YAML file per bundle), its schema, smoke cells and the
// git-based plan of what changed between two commits.





;// CONCATENATED MODULE: ./packages/cli/src/commands/plan.ts
// `eda-oci plan`: which catalog bundles a change touches (git base..head) or every bundle (--all), and their smoke cells.




const plan_HELP = `Usage: eda-oci plan (--base REF --head REF | --all) [options]

Reads the bundle catalog (one <name>.yml per bundle in the catalog directory) and prints what to build:
with --base/--head the bundles whose catalog file was added, changed or renamed between the merge-base of BASE and
HEAD and HEAD (files read from HEAD, not from the working tree), and the bundles whose file was deleted; with --all
every bundle in the catalog directory of the working tree. Every catalog file planned is validated; a mistake is
reported as FILE:LINE: FIELD: what is wrong; how to fix it.

Options:
  --catalog-dir DIR    catalog directory relative to the repository root (default: bundles)
  --base REF           base revision (a SHA, branch, tag or HEAD~1); 40 zeros plans every bundle at HEAD
  --head REF           head revision (default with --base: HEAD); 40 zeros (a deleted branch) plans nothing
  --all                every bundle in the catalog directory (working tree)
  --repo DIR           the git repository (default: the current directory)
  --bundles-dir DIR    the shared bundles directory (for --published-only; default: $EDA_OCI_BUNDLES_DIR)
  --published-only     only bundles published there (<bundles-dir>/<name> exists)
  --json               one JSON object on stdout: {bundles, smokes, removed, changes, base, head, mergeBase}
  -v, --verbose        debug logging (the git commands)
  -h, --help           this help

Output: one line per bundle to build ("build NAME FILE (STATUS) IMAGE") and per removed bundle
("remove NAME FILE"), then the number of smoke cells (bundle x partition x mode x command).

Exit codes: 0 planned (also when nothing changed), 1 failed (a catalog file is invalid, a revision is missing,
git failed), 2 usage error.`;
const plan_OPTIONS = {
    'catalog-dir': { type: 'string' },
    base: { type: 'string' },
    head: { type: 'string' },
    all: { type: 'boolean' },
    repo: { type: 'string' },
    'bundles-dir': { type: 'string' },
    'published-only': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
};
const planCommand = {
    name: 'plan',
    summary: 'catalog bundles changed between two commits (or all) and their smoke cells',
    options: plan_OPTIONS,
    help: plan_HELP,
    async run(args, { out, signal }) {
        const v = parseCommandLine('plan', args, plan_OPTIONS, plan_HELP, out);
        if (!v)
            return EXIT.ok;
        if (v.all && (v.base !== undefined || v.head !== undefined))
            throw usageError('plan', '--all cannot be combined with --base/--head');
        if (!v.all && v.base === undefined)
            throw usageError('plan', 'give --base REF (and --head REF), or --all');
        const bundlesDir = v['bundles-dir'] ?? process.env.EDA_OCI_BUNDLES_DIR;
        if (v['published-only'] && !bundlesDir)
            throw usageError('plan', '--published-only needs --bundles-dir DIR (or $EDA_OCI_BUNDLES_DIR)');
        const repo = external_node_path_default().resolve(v.repo ?? '.');
        const catalogDir = v['catalog-dir'] ?? 'bundles';
        const logger = createConsoleLogger({ verbose: v.verbose, quiet: true });
        const plan = await planBundles({
            repo,
            catalogDir,
            publishedIn: v['published-only'] ? bundlesDir : undefined,
            ...(v.all ? { all: true } : { base: v.base, head: v.head ?? 'HEAD' }),
        }, { logger, signal });
        if (v.json) {
            out.write(`${JSON.stringify(plan)}\n`);
            return EXIT.ok;
        }
        const status = new Map(plan.changes.map((c) => [c.file, c.status]));
        const w = Math.max(4, ...plan.bundles.map((b) => b.name.length), ...plan.removed.map((r) => r.name.length));
        for (const b of plan.bundles) {
            const st = status.get(b.file);
            out.write(`build   ${b.name.padEnd(w)}  ${b.file}${st ? ` (${st})` : ''}  ${b.image}\n`);
        }
        for (const r of plan.removed)
            out.write(`remove  ${r.name.padEnd(w)}  ${r.file}\n`);
        if (plan.bundles.length === 0 && plan.removed.length === 0)
            out.write('no catalog bundle changed\n');
        out.write(`${plan.bundles.length} bundle(s) to build, ${plan.removed.length} removed, ${plan.smokes.length} smoke cell(s)\n`);
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/publish.ts
// `eda-oci publish`: a built bundle -> a new version in the shared bundles dir, the same library call as
// actions/publish-oci-bundle.




const publish_HELP = `Usage: eda-oci publish --bundle DIR --bundles-dir DIR [options]

Publishes a built bundle as a new immutable version under BUNDLES-DIR/.eda-oci/NAME/ and switches the symlink
BUNDLES-DIR/NAME to it atomically (rename(2)). Unchanged files are hard links to the current version; an unchanged
bundle writes nothing. The bundle must be exactly what was built (its bundle.lock.json and bundle.files).

Options:
  --bundle DIR                 the built bundle (build-oci-bundle's bundle-path)  (required)
  --bundles-dir DIR            the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME                  published name (default: the bundle's name)
  --keep N                     versions kept by retention after publishing (default 5)
  --grace-seconds N            retention keeps versions replaced less than N s ago (default 3600)
  --lock-timeout-seconds N     give up waiting for another publisher after N s (default 600)
  --shared true|false          readable by every user, writable by none but the owner (default true)
  --expected-digest D          refuse unless the bundle digest is D (build's bundle-digest output)
  --dry-run                    verify and report what would be written; write nothing
  --json                       print the outputs as one JSON object on stdout
  -v, --verbose                debug logging
  -h, --help                   this help

Output: key=value lines on stdout: path, version, version-path, previous-version, changed, bytes-written,
files-linked, files-copied, bundle-digest (with --json one object with these keys and dry-run, deleted, warnings,
timings-ms). Log lines go to stderr; on a terminal (stderr a TTY) also one updating progress line while the new
version's files are hard-linked or copied (also with --json: stdout keeps only the JSON object).

Exit codes: 0 published (or unchanged: changed=false), 1 the publish failed (nothing was switched), 2 usage error,
130 cancelled (SIGINT/SIGTERM; nothing switched, the staging directory removed).`;
const publish_OPTIONS = {
    bundle: { type: 'string' },
    'bundles-dir': { type: 'string' },
    name: { type: 'string' },
    keep: { type: 'string' },
    'grace-seconds': { type: 'string' },
    'lock-timeout-seconds': { type: 'string' },
    shared: { type: 'string' },
    'expected-digest': { type: 'string' },
    'dry-run': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
};
const publishCommand = {
    name: 'publish',
    summary: 'bundle -> new version in the shared bundles dir, switched atomically',
    options: publish_OPTIONS,
    help: publish_HELP,
    async run(args, { out, signal }) {
        const v = parseCommandLine('publish', args, publish_OPTIONS, publish_HELP, out);
        if (!v)
            return EXIT.ok;
        if (!v.bundle)
            throw usageError('publish', '--bundle is required');
        if (v.shared !== undefined && v.shared !== 'true' && v.shared !== 'false')
            throw usageError('publish', `--shared is '${v.shared}', which is not true or false`);
        const progress = new ProgressLine(process.stderr);
        const logger = withProgress(createConsoleLogger({ verbose: v.verbose }), progress);
        const r = await publishBundle({
            bundle: v.bundle,
            bundlesDir: bundlesDirOption('publish', v['bundles-dir']),
            name: v.name,
            keep: intOption('publish', 'keep', v.keep, 1, 10_000),
            graceSeconds: intOption('publish', 'grace-seconds', v['grace-seconds'], 0, 10 ** 9),
            lockTimeoutSeconds: intOption('publish', 'lock-timeout-seconds', v['lock-timeout-seconds'], 0, 86_400),
            shared: v.shared === undefined ? undefined : v.shared === 'true',
            expectedDigest: v['expected-digest'],
            dryRun: v['dry-run'],
            signal,
            onProgress: (p) => (p.done ? progress.done(publishText(p)) : progress.update(publishText(p))),
        }, { logger }).finally(() => progress.done());
        const outputs = {
            path: r.path,
            version: r.version,
            'version-path': r.versionPath,
            'previous-version': r.previousVersion,
            changed: r.changed,
            'bytes-written': r.bytesWritten,
            'files-linked': r.filesLinked,
            'files-copied': r.filesCopied,
            'bundle-digest': r.bundleDigest,
        };
        if (v.json)
            out.write(`${JSON.stringify({ ...outputs, 'dry-run': r.dryRun, deleted: r.retention?.deleted ?? [], warnings: r.warnings, 'timings-ms': r.timingsMs })}\n`);
        else
            for (const [k, val] of Object.entries(outputs))
                out.write(`${k}=${String(val)}\n`);
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/rollback.ts
// `eda-oci rollback`: make an earlier published version current again (the same atomic swap as publish).



const rollback_HELP = `Usage: eda-oci rollback --bundles-dir DIR --name NAME [--to VERSION] [options]

Switches BUNDLES-DIR/NAME back to the version the current one replaced (or to VERSION), after checking that
version is intact. Running a second time switches forward again.

Options:
  --bundles-dir DIR            the shared bundles directory (default: $EDA_OCI_BUNDLES_DIR)  (required)
  --name NAME                  the bundle name  (required)
  --to VERSION                 the version to make current (see eda-oci list; default: the previous one)
  --lock-timeout-seconds N     give up waiting for a publisher after N s (default 600)
  --json                       one JSON object on stdout: {path, from, to, changed, ...}
  -v, --verbose                debug logging
  -h, --help                   this help

Output: key=value lines on stdout: path, from (the version that was current), to (the version now current),
changed (false when it already was current).

Exit codes: 0 rolled back (or already current), 1 failed (nothing to roll back to, version damaged or missing;
nothing was switched), 2 usage error, 130 cancelled.`;
const rollback_OPTIONS = {
    'bundles-dir': { type: 'string' },
    name: { type: 'string' },
    to: { type: 'string' },
    'lock-timeout-seconds': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
};
const rollbackCommand = {
    name: 'rollback',
    summary: 'make the previous (or a given) version current again',
    options: rollback_OPTIONS,
    help: rollback_HELP,
    async run(args, { out }) {
        const v = parseCommandLine('rollback', args, rollback_OPTIONS, rollback_HELP, out);
        if (!v)
            return EXIT.ok;
        if (!v.name)
            throw usageError('rollback', '--name is required');
        const logger = createConsoleLogger({ verbose: v.verbose });
        const r = await rollbackStore({
            bundlesDir: bundlesDirOption('rollback', v['bundles-dir']),
            name: v.name,
            to: v.to,
            lockTimeoutSeconds: intOption('rollback', 'lock-timeout-seconds', v['lock-timeout-seconds'], 0, 86_400),
        }, { logger });
        if (v.json)
            out.write(`${JSON.stringify(r)}\n`);
        else
            out.write(`path=${r.path}\nfrom=${r.from ?? ''}\nto=${r.to}\nchanged=${r.changed}\n`);
        return EXIT.ok;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/smoke.ts
// `eda-oci smoke`: run a catalog entry's smoke commands on its partitions in srun and sbatch mode through Slurm (the
// same runContainerJob as slurm-submit-container, one job per smoke cell, a few at a time) and report every cell.






const smoke_HELP = `Usage: eda-oci smoke --name NAME [--catalog-dir DIR] [--bundles-dir DIR | --bundle PATH] [options]

Runs the smoke test of catalog entry NAME (CATALOG-DIR/NAME.yml or .yaml): every smoke command on every partition
in every mode (srun and sbatch unless the entry says otherwise) is one Slurm job inside the bundle, the same job
eda-oci submit and slurm-submit-container run: a cell passes when its job completed with exit code 0 and proved it
ran inside the bundle (/.eda-oci/bundle-id). Up to ${DEFAULT_SMOKE_PARALLEL} cells run at the same time. The bundle is resolved once
(a publish meanwhile does not change what the remaining cells run). Ctrl-C (SIGINT/SIGTERM) cancels the submitted
jobs (scancel) and starts no more.

Options:
  --name NAME            the catalog entry (bundle name)  (required)
  --catalog-dir DIR      the catalog directory (default: bundles)
  --bundles-dir DIR      the shared bundles directory: the bundle is BUNDLES-DIR/NAME (default: $EDA_OCI_BUNDLES_DIR)
  --bundle PATH          smoke this bundle directory instead (e.g. a build's bundle-path or a staging copy)
  --partition P          only this of the entry's partitions (repeatable; default: all of them)
  --mode M               only this mode, srun or sbatch (repeatable; default: the entry's modes)
  --parallel N           cells run at the same time, 1 to 16 (default ${DEFAULT_SMOKE_PARALLEL})
  --timeout-seconds N    whole wait per cell incl. queueing; the job is cancelled after it (default 0: no limit)
  --output-dir DIR       where sbatch writes eda-oci-JOBID.out (default: the current directory; must be on a file
                         system the nodes share, or the output and the in-bundle proof are not seen)
  --json                 one JSON object on stdout: {name, bundle, bundlePath, bundleId, cells: [{id, partition, mode,
                         command, run, jobId, state, exitCode, signal, elapsedSeconds, nodes, verified, ok, message}],
                         passed, failed, total}
  -v, --verbose          debug logging; also every job's output, prefixed with its cell id
  -h, --help             this help

Output: a table on stdout, one row per cell (cell id BUNDLE/PARTITION/MODE/COMMAND, job id, final state, exit code,
elapsed seconds, ok or FAILED), then passed=, failed=, total=. On stderr: a line per finished cell, and for each
failed cell what happened and the last lines of its output; on a terminal also one updating progress line.

Exit codes: 0 every cell passed, 1 a cell failed (or an error, e.g. an invalid catalog file), 2 usage error,
130 cancelled (the jobs already submitted were cancelled).`;
const smoke_OPTIONS = {
    name: { type: 'string' },
    'catalog-dir': { type: 'string' },
    'bundles-dir': { type: 'string' },
    bundle: { type: 'string' },
    partition: { type: 'string', multiple: true },
    mode: { type: 'string', multiple: true },
    parallel: { type: 'string' },
    'timeout-seconds': { type: 'string' },
    'output-dir': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
};
/** The result table (stdout without --json). */
function formatSmokeTable(cells) {
    const rows = [
        ['CELL', 'JOB', 'STATE', 'EXIT', 'ELAPSED', 'RESULT'],
        ...cells.map((c) => [
            c.id,
            c.jobId || '-',
            c.state || '-',
            c.exitCode === null ? '-' : c.signal ? `${c.exitCode}:${c.signal}` : String(c.exitCode),
            c.elapsedSeconds === null ? '-' : `${c.elapsedSeconds} s`,
            c.ok ? 'ok' : 'FAILED',
        ]),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]))).join('  ')).join('\n');
}
/** Keeps only the entry's values that `wanted` names; a value the entry does not have is a usage error. */
function only(what, have, wanted, file) {
    if (!wanted?.length)
        return [...have];
    for (const w of wanted)
        if (!have.includes(w))
            throw usageError('smoke', `--${what} '${w}' is not one of ${file}'s ${what}s (${have.join(', ')})`);
    return have.filter((h) => wanted.includes(h));
}
/** Drops info lines unless verbose (several jobs log at once; their progress is the progress line). */
function quietInfo(base, verbose) {
    return verbose ? base : { ...base, info: () => undefined };
}
const smokeCommand = {
    name: 'smoke',
    summary: "run a catalog entry's smoke commands on its partitions (srun + sbatch) through Slurm",
    options: smoke_OPTIONS,
    help: smoke_HELP,
    async run(args, { out, signal }) {
        const v = parseCommandLine('smoke', args, smoke_OPTIONS, smoke_HELP, out);
        if (!v)
            return EXIT.ok;
        if (!v.name)
            throw usageError('smoke', '--name is required');
        if (v.bundle !== undefined && v['bundles-dir'] !== undefined)
            throw usageError('smoke', 'give --bundles-dir or --bundle, not both');
        for (const m of v.mode ?? [])
            if (m !== 'srun' && m !== 'sbatch')
                throw usageError('smoke', `--mode is '${m}', not srun or sbatch`);
        const name = validateBundleName(v.name);
        const parallel = intOption('smoke', 'parallel', v.parallel, 1, 16) ?? DEFAULT_SMOKE_PARALLEL;
        const timeoutSeconds = intOption('smoke', 'timeout-seconds', v['timeout-seconds'], 0, 10 ** 7) ?? 0;
        const entry = await loadCatalogEntry(v['catalog-dir'] ?? 'bundles', name);
        entry.smoke.partitions = only('partition', entry.smoke.partitions, v.partition, entry.file);
        entry.smoke.modes = only('mode', entry.smoke.modes, v.mode, entry.file);
        const given = v.bundle ?? external_node_path_default().join(bundlesDirOption('smoke', v['bundles-dir']), name);
        const progress = new ProgressLine(process.stderr);
        const logger = withProgress(createConsoleLogger({ verbose: v.verbose }), progress);
        const total = smokeCells([entry]).length;
        let done = 0;
        let failed = 0;
        let running = 0;
        const show = () => progress.update(`smoke ${name}: ${done} of ${total} done, ${failed} failed, ${running} running`);
        const report = await runSmoke({
            entry,
            bundle: given,
            parallel,
            timeoutSeconds,
            outputDir: v['output-dir'],
            signal,
            logger,
            jobLogger: quietInfo(logger, v.verbose === true),
            onSubmitted: (cell, id) => logger.info(`[${cell.id}] job ${id} submitted`),
            onOutputLine: v.verbose ? (cell, l) => (progress.clear(), process.stderr.write(`[${cell.id}] ${l}\n`)) : undefined,
            onCell: (_cell, row) => {
                if (!row)
                    running++;
                else {
                    running--;
                    done++;
                    if (!row.ok)
                        failed++;
                }
                show();
            },
        }).finally(() => progress.done());
        if (v.json)
            out.write(`${JSON.stringify(report)}\n`);
        else
            out.write(`${formatSmokeTable(report.cells)}\npassed=${report.passed}\nfailed=${report.failed}\ntotal=${report.total}\n`);
        return report.failed === 0 ? EXIT.ok : EXIT.failed;
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/submit.ts
// `eda-oci submit`: run a command inside an OCI bundle through Slurm, the same library call as slurm-submit-container.



const submit_HELP = `Usage: eda-oci submit --bundle PATH (--command CMD | --script FILE) [options]

Runs CMD (with /bin/sh -c) or the batch script FILE inside the OCI bundle through Slurm (sbatch --container, or srun
--container with --mode srun), streams the job's output to stderr while it runs, notices the end within a second,
and prints how it ended. Ctrl-C (SIGINT/SIGTERM) cancels the job (scancel).

Options:
  --bundle PATH          bundle directory (config.json + rootfs/), or a symlink to one (required)
  --command CMD          command line run with /bin/sh -c inside the container
  --script FILE          batch script (sbatch mode; #!/bin/sh or bash when verifying)
  --mode M               sbatch (default) | srun
  --partition P          partition (default: the cluster's default)
  --nodes N              node count, N or MIN-MAX
  --ntasks N             task count
  --time-limit T         time limit as sbatch --time (30, 1:00:00, 1-00:00:00, ...)
  --job-name NAME        job name
  --extra-arg ARG        one more sbatch/srun argument, passed as is (repeatable; never shell-parsed)
  --env KEY=VALUE        environment variable for the job (repeatable)
  --timeout-seconds N    whole wait; the job is cancelled after it (default 0: no limit)
  --output-dir DIR       where sbatch writes eda-oci-JOBID.out (default: the current directory)
  --no-cancel-on-abort   leave the job running when eda-oci is interrupted
  --no-verify-container  do not check /.eda-oci/bundle-id inside the job
  --no-pin-version       submit the bundle path as given (default: its resolved path, so a publish meanwhile
                         does not change what runs)
  --json                 print the outputs as one JSON object (default: key=value lines) on stdout
  -v, --verbose          debug logging
  -h, --help             this help

Output: key=value lines on stdout: job-id, state, exit-code, signal, elapsed-seconds, nodes, output-file (with --json
one object with these keys and outcome, verified, timings-ms), also when the job failed. The job's own output goes to
stderr while it runs.

Exit codes: 0 the job completed with exit code 0 (inside the bundle), 1 it did not (or an error), 2 usage error,
130 cancelled (the job was cancelled with scancel unless --no-cancel-on-abort).`;
const submit_OPTIONS = {
    bundle: { type: 'string' },
    command: { type: 'string' },
    script: { type: 'string' },
    mode: { type: 'string' },
    partition: { type: 'string' },
    nodes: { type: 'string' },
    ntasks: { type: 'string' },
    'time-limit': { type: 'string' },
    'job-name': { type: 'string' },
    'extra-arg': { type: 'string', multiple: true },
    env: { type: 'string', multiple: true },
    'timeout-seconds': { type: 'string' },
    'output-dir': { type: 'string' },
    'no-cancel-on-abort': { type: 'boolean' },
    'no-verify-container': { type: 'boolean' },
    'no-pin-version': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
};
const submitCommand = {
    name: 'submit',
    summary: 'run a command inside a bundle through Slurm (sbatch/srun --container) and report how it ended',
    options: submit_OPTIONS,
    help: submit_HELP,
    async run(args, { out, signal }) {
        const v = parseCommandLine('submit', args, submit_OPTIONS, submit_HELP, out);
        if (!v)
            return EXIT.ok;
        if (!v.bundle)
            throw usageError('submit', '--bundle is required');
        const mode = (v.mode ?? 'sbatch');
        if (mode !== 'sbatch' && mode !== 'srun')
            throw usageError('submit', `--mode is '${v.mode}', not sbatch or srun`);
        const int = (name, value) => {
            if (value === undefined)
                return undefined;
            if (!/^\d+$/.test(value))
                throw new errors_ConfigurationError(`--${name} '${value}' is not a whole number`, `give --${name} as digits`);
            return Number(value);
        };
        const logger = createConsoleLogger({ verbose: v.verbose });
        const report = (r) => {
            if (v.json)
                out.write(`${JSON.stringify({ ...jobOutputs(r), outcome: r.outcome, verified: r.verified, 'timings-ms': r.timingsMs })}\n`);
            else
                for (const [k, val] of Object.entries(jobOutputs(r)))
                    out.write(`${k}=${String(val)}\n`);
        };
        try {
            const r = await runContainerJob({
                bundle: v.bundle,
                command: v.command,
                script: v.script,
                mode,
                partition: v.partition,
                nodes: v.nodes,
                ntasks: int('ntasks', v.ntasks),
                timeLimit: v['time-limit'],
                jobName: v['job-name'],
                extraArgs: v['extra-arg'] ?? [],
                env: parseEnvEntries(v.env ?? []),
                timeoutSeconds: int('timeout-seconds', v['timeout-seconds']) ?? 0,
                cancelOnAbort: !v['no-cancel-on-abort'],
                verifyContainer: !v['no-verify-container'],
                pinVersion: !v['no-pin-version'],
                outputDir: v['output-dir'],
                signal,
                onOutputLine: (l) => process.stderr.write(`${l}\n`),
            }, { logger });
            logger.info(`job ${r.jobId} ${r.outcome.message}${r.verified ? ', inside the bundle' : ''}`);
            report(r);
            return EXIT.ok;
        }
        catch (err) {
            if (err instanceof SlurmJobError)
                report(err.result);
            throw err;
        }
    },
};

;// CONCATENATED MODULE: ./packages/cli/src/commands/index.ts











const COMMANDS = [
    buildCommand,
    testCommand,
    publishCommand,
    listCommand,
    rollbackCommand,
    gcCommand,
    ociConfCommand,
    submitCommand,
    smokeCommand,
    planCommand,
    doctorCommand,
];

;// CONCATENATED MODULE: ./packages/cli/src/main.ts
// The eda-oci command line: dispatches argv to one command (commands/*.ts), maps errors to exit codes.




function help() {
    const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
    return `eda-oci: build, test, publish and run OCI bundles for Slurm (the library behind the eda-oci GitHub actions)

Usage: eda-oci <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Every command takes --json (its result as one JSON object on stdout) and -h/--help (its options, output and exit
codes): run 'eda-oci <command> --help'. Logs, progress (on a terminal only) and errors go to stderr; an error is one
line 'eda-oci <command>: error: what; how to fix'.

Exit codes:
  0    success
  1    failure (the operation failed, a test or smoke cell failed, a check failed)
  2    usage error (unknown command or option, missing or invalid option value)
  130  cancelled (SIGINT/SIGTERM: what the command started is cleaned up first; a second signal exits at once)`;
}
/** Errors are printed as one line (a message may carry a program's multi-line output). */
function oneLine(text) {
    return text.replace(/\s*\n\s*/g, ' ').trim();
}
/** Runs the CLI with `argv` (without node and script); returns the exit code. */
async function main(argv, out = process.stdout) {
    const [name, ...rest] = argv;
    if (!name || name === '-h' || name === '--help' || name === 'help') {
        out.write(`${help()}\n`);
        return name ? EXIT.ok : EXIT.usage;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
        process.stderr.write(`eda-oci: unknown command '${name}'; run 'eda-oci --help' for the list\n`);
        return EXIT.usage;
    }
    const controller = new AbortController();
    const onSignal = () => {
        if (controller.signal.aborted)
            process.exit(EXIT.cancelled);
        // On a terminal a progress line may be showing: erase it so the message starts at column 0.
        process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}eda-oci: cancelling, cleaning up (signal again to exit at once)\n`);
        controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
        return await command.run(rest, { out, signal: controller.signal });
    }
    catch (err) {
        if (err instanceof errors_CancelledError) {
            process.stderr.write(`eda-oci ${name}: ${oneLine(err.message)}\n`);
            return EXIT.cancelled;
        }
        if (err instanceof errors_EdaOciError) {
            process.stderr.write(`eda-oci ${name}: error: ${oneLine(err.message)}\n`);
            return isUsageError(err) ? EXIT.usage : EXIT.failed;
        }
        // A bug, not an expected failure: still one line; the stack with -v/--verbose.
        const verbose = rest.includes('-v') || rest.includes('--verbose');
        const text = err instanceof Error ? (verbose && err.stack ? err.stack : oneLine(err.message)) : String(err);
        process.stderr.write(`eda-oci ${name}: unexpected error: ${text}${verbose ? '' : ' (run with -v for the stack)'}\n`);
        return EXIT.failed;
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}


/***/ }),

/***/ 5510:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__.p + "ab3f216bfb7bd33ffc7e.mjs";

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
__webpack_unused_export__ = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
exports.tO = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
exports.Tp = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/publicPath */
/******/ (() => {
/******/ 	var scriptUrl;
/******/ 	if (typeof import.meta.url === "string") scriptUrl = import.meta.url
/******/ 	// When supporting browsers where an automatic publicPath is not supported you must specify an output.publicPath manually via configuration
/******/ 	// or pass an empty string ("") and set the __webpack_public_path__ variable from your code to use your own logic.
/******/ 	if (!scriptUrl) throw new Error("Automatic publicPath is not supported in this browser");
/******/ 	scriptUrl = scriptUrl.replace(/#.*$/, "").replace(/\?.*$/, "").replace(/\/[^\/]+$/, "/");
/******/ 	__nccwpck_require__.p = scriptUrl;
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	__nccwpck_require__.b = new URL("./", import.meta.url);
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	// no install chunk
/******/ 	
/******/ 	// no chunk on demand loading
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6927);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
