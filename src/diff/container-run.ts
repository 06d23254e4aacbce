/**
 * The container a unit runs, read back from its start script: the oci-containers module writes
 * `exec <backend> [preRunExtraOptions] run <options> <image> <cmd>`, one argument (or flag and
 * value) a line, lines joined by ` \` (both revisions). Read so, the arguments are the
 * container's options again, in the user's terms: `-e K=V` is `environment.K`, `-p` a port,
 * the first argument that is no flag the image, and so on. The words are read as the shell
 * reads them (quotes removed), so that how an argument is quoted (revisions quote differently)
 * is no difference.
 */

/** The container's settings, by the option of `virtualisation.oci-containers.containers.<name>` they come from. */
export interface ContainerRun {
  readonly backend: string;
  readonly name: string;
  readonly image: string;
  /** Each option's values (lists as given; attribute sets as `K=V`), in order. */
  readonly options: ReadonlyMap<string, readonly string[]>;
}

/** The words of a line of shell, as `sh` splits and unquotes them (no expansions). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end;
      word = (word ?? "") + line.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      let s = "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) i++;
        s += line[i];
      }
      word = (word ?? "") + s;
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (c === " " || c === "\t") {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** Flags with their value in the same argument (`--name=x`): the option each is. */
const JOINED: ReadonlyArray<readonly [string, string]> = [
  ["--name=", "name"],
  ["--log-driver=", "log-driver"],
  ["--entrypoint=", "entrypoint"],
  ["--hostname=", "hostname"],
  ["--cap-add=", "capabilities"],
  ["--cap-drop=", "capabilities"],
  ["--device=", "devices"],
  ["--network=", "networks"],
  ["--sdnotify=", "podman.sdnotify"],
];

/** Flags followed by their value (`-e K=V`): the option each is. */
const SEPARATE: Readonly<Record<string, string>> = {
  "-e": "environment",
  "--env-file": "environmentFiles",
  "-p": "ports",
  "-u": "user",
  "-v": "volumes",
  "-l": "labels",
  "-w": "workdir",
  "--pull": "pull",
};

/** Flags the module itself adds (not from an option of the container), or a yes/no option. */
const BARE: Readonly<Record<string, string>> = {
  "--privileged": "privileged",
  "--rm": "autoRemoveOnStop",
  "-d": "run flags",
  "--replace": "run flags",
};

/** Flags of the module's own whose value is the module's (cidfile, cgroups). */
const OWN_PREFIXES = ["--cidfile=", "--cgroups="];

/**
 * The container of a start script, or null when the script runs none (it is not the
 * oci-containers module's `exec <backend> ... run ...`).
 */
export function containerRun(script: string): ContainerRun | null {
  const body = script
    .split("\n")
    .filter((l) => !l.startsWith("#!") && l.trim() !== "set -e")
    .join("\n");
  const args = body
    .split(/\\\n/)
    .map((a) => shellWords(a.trim()))
    .filter((w) => w.length > 0);
  const head = args.findIndex((w) => w.includes("run"));
  if (head < 0 || args[0]![0] !== "exec") return null;
  const prefix = args.slice(0, head + 1).flat();
  const backend = prefix[1]?.split("/").pop() ?? "";
  if (backend !== "podman" && backend !== "docker") return null;
  const options = new Map<string, string[]>();
  const add = (option: string, value: string): void =>
    void options.set(option, [...(options.get(option) ?? []), value]);
  const extra = prefix.slice(2, prefix.indexOf("run"));
  for (const e of extra) add("preRunExtraOptions", e);
  // (2023-07 wrote `exec podman run` as one line and its first flag on the next: the same.)
  let name = "";
  let image: string | null = null;
  for (const words of args.slice(head + 1)) {
    const [first, ...rest] = words;
    if (image !== null) {
      for (const w of words) add("cmd", w);
      continue;
    }
    if (!first!.startsWith("-")) {
      image = words.join(" ");
      continue;
    }
    const joined = JOINED.find(([p]) => first!.startsWith(p));
    if (joined !== undefined && rest.length === 0) {
      const value = first!.slice(joined[0].length);
      if (joined[1] === "name") name = value;
      else if (joined[1] === "capabilities")
        add("capabilities", `${value}=${joined[0] === "--cap-add=" ? "true" : "false"}`);
      else add(joined[1], value);
    } else if (SEPARATE[first!] !== undefined && rest.length === 1) {
      add(SEPARATE[first!]!, rest[0]!);
    } else if (BARE[first!] !== undefined && rest.length === 0) {
      add(BARE[first!]!, first!);
    } else if (OWN_PREFIXES.some((p) => first!.startsWith(p)) && rest.length === 0) {
      add("run flags", first!);
    } else {
      add("extraOptions", words.join(" "));
    }
  }
  if (image === null) return null;
  return { backend, name, image, options };
}
