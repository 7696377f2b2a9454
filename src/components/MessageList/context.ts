import { createContext } from '../context'
import type { MessageListContext } from './types'

export const [injectMessageListContext, provideMessageListContext] = createContext<MessageListContext>('MessageList')
