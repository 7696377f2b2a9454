// MessageItem: one chat message with streaming markdown, highlighted code, states and actions.
export { default as MessageItem } from './MessageItem.vue'
export type {
  MessageCopyPayload,
  MessageItemActionsSlotProps,
  MessageItemEmits,
  MessageItemErrorSlotProps,
  MessageItemProps,
  MessageItemSlotProps,
} from './MessageItem.vue'
