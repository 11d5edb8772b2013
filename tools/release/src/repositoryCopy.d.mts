/** Copies the files git would commit from `repo` (tracked, plus untracked files that are not ignored) into `target`. */
export function copyRepository(repo: string, target: string): void;
/** node_modules for the copy: links to `repo`'s packages, @ensdk/* to the copy's own folders. */
export function linkNodeModules(repo: string, target: string): void;
