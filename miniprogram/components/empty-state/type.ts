// empty-state's properties and events (see utils/component-types.ts).
import type { ComponentEvent, StringProp } from '../../utils/component-types'

/** Only the icon differs. */
export type EmptyStateKind = 'empty' | 'error'

export type EmptyStateProps = {
  title: StringProp
  description: StringProp
  /** The button's text; no button when ''. */
  actionText: StringProp
  kind: StringProp<EmptyStateKind>
}

export interface EmptyStateEvents {
  /** The button was tapped. */
  action: Record<string, never>
}

export type EmptyStateActionEvent = ComponentEvent<EmptyStateEvents, 'action'>

export const emptyStateProps: EmptyStateProps = {
  title: { type: String, value: '' },
  description: { type: String, value: '' },
  actionText: { type: String, value: '' },
  kind: { type: String, value: 'empty' },
}
