// One locale and configuration for every component: provider, app plugin, and the inject components read.
export { default as ChatConfigProvider } from './ChatConfigProvider.vue'
export type { ChatConfigProviderProps } from './ChatConfigProvider.vue'
export { createChatConfigPlugin, provideChatConfig, resolveChatConfig, useChatConfig } from './config'
export type { ChatConfig, ChatConfigOptions } from './config'
