/** How far a change moves a package's version. */
export type Level = "major" | "minor" | "patch";
