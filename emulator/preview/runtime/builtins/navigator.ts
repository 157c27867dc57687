// <navigator url open-type>: a tap performs the matching wx navigation.
import { defineBuiltin, onTap } from './define'
import { enableHover, HOVER_PROPERTIES } from './hover'

export type NavigateAction = (openType: string, url: string, delta: number) => void

export function registerNavigator(navigate: NavigateAction): void {
  defineBuiltin('navigator', {
    properties: {
      url: { type: String, value: '' },
      openType: { type: String, value: 'navigate' },
      delta: { type: Number, value: 1 },
      ...HOVER_PROPERTIES,
    },
    attached(host) {
      enableHover(this, host)
      onTap(this, () => {
        const data = this.data as Record<string, unknown>
        navigate(String(data.openType), String(data.url), Number(data.delta))
      })
    },
  })
}
