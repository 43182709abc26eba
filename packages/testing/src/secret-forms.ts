/**
 * Every form in which a secret can reach a recorded fixture: as it is, percent-encoded (a path or
 * a query), as HTML character references (`&#115;`, `&#x73;`, `&lowbar;`), JSON- or JS-escaped
 * (`\u002d`, `\x2d`, `\"`), any mix of these character by character, and base64 (standard or
 * URL-safe alphabet, at each of the 3 byte alignments). Redaction and the final leak check both
 * search with these patterns, so what one misses the other cannot pass.
 */

/** OpenRouter keys: inference, management and provisioning keys all start with `sk-or-`. */
const KEY_PREFIX = "sk-or-";
/** The characters of a key after its prefix. */
const KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-";
/** Base64 characters that may follow the encoded prefix of an unknown key. */
const BASE64_TAIL = "[A-Za-z0-9+/_-]{0,120}";

/** HTML5 named references of ASCII characters a token may hold. */
const NAMED: ReadonlyMap<string, readonly string[]> = new Map([
  ["&", ["amp", "AMP"]],
  ["<", ["lt", "LT"]],
  [">", ["gt", "GT"]],
  ['"', ["quot", "QUOT"]],
  ["'", ["apos"]],
  ["_", ["lowbar", "UnderBar"]],
  ["+", ["plus"]],
  ["/", ["sol"]],
  ["=", ["equals"]],
  [".", ["period"]],
  [":", ["colon"]],
  [";", ["semi"]],
  [",", ["comma"]],
  ["!", ["excl"]],
  ["#", ["num"]],
  ["$", ["dollar"]],
  ["%", ["percnt"]],
  ["*", ["ast", "midast"]],
  ["?", ["quest"]],
  ["@", ["commat"]],
  ["(", ["lpar"]],
  [")", ["rpar"]],
  ["[", ["lsqb", "lbrack"]],
  ["]", ["rsqb", "rbrack"]],
  ["{", ["lcub", "lbrace"]],
  ["}", ["rcub", "rbrace"]],
  ["|", ["verbar", "vert", "VerticalLine"]],
  ["\\", ["bsol"]],
  ["^", ["Hat"]],
  ["`", ["grave", "DiacriticalGrave"]],
]);

/** Short JSON escapes: what `JSON.stringify` writes for these characters. */
const JSON_SHORT: ReadonlyMap<string, string> = new Map([
  ['"', '\\\\"'],
  ["\\", "\\\\\\\\"],
  ["/", "\\\\/"],
]);

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/** Hex digits of `n`, at least `width` long, each letter matching either case. */
function hexPattern(n: number, width: number): string {
  return n
    .toString(16)
    .padStart(width, "0")
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

/** The regex alternatives of one character, each a form the recorder may write it in. */
function charForms(ch: string): string[] {
  const code = ch.codePointAt(0) as number;
  const forms = [escapeRegex(ch)];
  const bytes = [...Buffer.from(ch, "utf8")];
  forms.push(bytes.map((b) => `%${hexPattern(b, 2)}`).join(""));
  forms.push(`&#0*${code};?`, `&#[xX]0*${hexPattern(code, 1)};?`);
  for (const name of NAMED.get(ch) ?? []) forms.push(`&${name};`);
  if (code <= 0xffff) forms.push(`\\\\[uU]${hexPattern(code, 4)}`);
  if (code <= 0xff) forms.push(`\\\\x${hexPattern(code, 2)}`);
  const short = JSON_SHORT.get(ch);
  if (short) forms.push(short);
  return forms;
}

const group = (forms: string[]) => `(?:${forms.join("|")})`;

/** A pattern for `text` in any per-character mix of its forms. */
function encodedPattern(text: string): string {
  return [...text].map((ch) => group(charForms(ch))).join("");
}

/** The characters of `text` that depend on `secret` alone in base64 of `secret` at `offset`. */
function base64Core(secret: Buffer, offset: number): string {
  const padded = Buffer.concat([Buffer.alloc(offset), secret, Buffer.alloc(2)]);
  const start = Math.ceil((offset * 8) / 6);
  const end = Math.floor(((offset + secret.length) * 8) / 6);
  return padded.toString("base64").slice(start, end);
}

/** The base64 cores of `text` at the 3 byte alignments, in both alphabets. */
function base64Cores(text: string): string[] {
  const bytes = Buffer.from(text, "utf8");
  const cores = [0, 1, 2].map((offset) => base64Core(bytes, offset));
  const urlSafe = cores.map((core) => core.replace(/\+/g, "-").replace(/\//g, "_"));
  return [...new Set([...cores, ...urlSafe])].filter((core) => core.length > 0);
}

/**
 * A pattern finding `sk-or-…` keys in any form: the prefix and the key characters each in any of
 * their forms, or base64 of the prefix followed by the rest of the base64 run.
 */
export function keyPattern(): RegExp {
  const encoded = `${encodedPattern(KEY_PREFIX)}${group([...KEY_CHARS].flatMap(charForms))}+`;
  const base64 = base64Cores(KEY_PREFIX).map((core) => `${escapeRegex(core)}${BASE64_TAIL}`);
  return new RegExp([encoded, ...base64].join("|"), "g");
}

/** Compiled patterns of recent secrets: a recording session asks for the same few again and again. */
const compiled = new Map<string, RegExp>();
const MAX_COMPILED = 64;

/** A pattern finding `secret` in any of its forms, base64 included. */
export function secretPattern(secret: string): RegExp {
  let pattern = compiled.get(secret);
  if (!pattern) {
    const base64 = base64Cores(secret).map(escapeRegex);
    pattern = new RegExp([encodedPattern(secret), ...base64].join("|"), "g");
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(secret, pattern);
  }
  // Shared: callers use `matchAll` and `search`, which never move its `lastIndex`.
  return pattern;
}

/**
 * Whether a match of `keyPattern()` holds a key, not a placeholder: in base64, the encoded prefix
 * must be followed by a key character once decoded (`sk-or-<redacted:1>` in base64 is not a key).
 */
export function holdsKey(match: string): boolean {
  if (decodeForms(match).startsWith(KEY_PREFIX)) return true;
  const standard = match.replace(/-/g, "+").replace(/_/g, "/");
  return ["", "A", "AA", "AAA"].some((pad) =>
    // The first letters may be cut at the edge of the run: its end is what tells.
    /-or-[A-Za-z0-9-]/.test(Buffer.from(pad + standard, "base64").toString("latin1")),
  );
}

/**
 * The text a match stands for: percent-encoding, character references and escapes decoded, so
 * every form of one key maps to one placeholder. Base64 runs are kept as they are.
 */
export function decodeForms(text: string): string {
  const named = new Map<string, string>();
  for (const [ch, names] of NAMED) for (const name of names) named.set(name, ch);
  return text
    .replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    })
    .replace(/&#[xX]0*([0-9a-fA-F]+);?/g, (_, hex: string) => fromCode(parseInt(hex, 16)))
    .replace(/&#0*([0-9]+);?/g, (_, dec: string) => fromCode(parseInt(dec, 10)))
    .replace(/&([A-Za-z]+);/g, (whole, name: string) => named.get(name) ?? whole)
    .replace(/\\[uU]([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g, (_, u?: string, x?: string) =>
      fromCode(parseInt((u ?? x) as string, 16)),
    )
    .replace(/\\(["\\/])/g, "$1");
}

function fromCode(code: number): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
}
