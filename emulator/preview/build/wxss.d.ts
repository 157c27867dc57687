// Types of wxss.js (CommonJS so that the build script and jest can both load it).
export function rpxToCalc(text: string): string
export function readWithImports(file: string, root: string, seen?: Set<string>): string
export function transformWxss(css: string, scope: { prefix: string; hostTag?: string }): string
