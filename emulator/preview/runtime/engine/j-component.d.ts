// The parts of j-component (and its utils) the preview uses. Its own typings model the test API only.
declare module 'j-component/src/index' {
  export function register(definition: Record<string, unknown>): string
  export function create(id: string, properties?: Record<string, unknown>): import('./types').RootComponent
}
declare module 'j-component/src/tool/utils' {
  const utils: { transformRpx(style: string, keepZero?: boolean): string }
  export default utils
}
declare module 'miniprogram-exparser' {
  export const Component: { getComponentOptions(node: unknown): { classPrefix?: string } | undefined }
}
