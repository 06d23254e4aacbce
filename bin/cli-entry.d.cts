/** Is the package's bundle (dist/bundle/cli.cjs) there, as new as its sources, and not refused by NIXMOD_FROM_SOURCE=1? */
export declare function bundleIsCurrent(root: string, env: Record<string, string | undefined>): boolean;
/** The Node.js arguments that run the nixmod command in a process of its own, from its bundle or its sources. */
export declare function cliCommand(root: string, env: Record<string, string | undefined>): { args: string[] };
