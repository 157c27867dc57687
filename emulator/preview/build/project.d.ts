// Types of project.js (CommonJS so that the build script and jest can both load it).
export interface ProjectModule {
  path: string
  kind: 'page' | 'component'
  config: Record<string, unknown>
  using: Record<string, string>
  script: string | null
  wxss: string | null
  scope: string
}
export interface Project {
  app: Record<string, unknown>
  root: string
  modules: ProjectModule[]
  appScript: string | null
  appWxss: string | null
}
export function scopeName(modulePath: string): string
export function readProject(root: string): Project
