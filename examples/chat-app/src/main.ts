import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { configureSessions } from 'vue-chat-stream'
import 'vue-chat-stream/style.css'
import App from './App.vue'
import { accessToken, apiBaseUrl } from './chat-config'

// Before the first sendMessage: every sessions store streams from here with `Authorization: Bearer <token>`.
configureSessions({ baseUrl: apiBaseUrl(), token: accessToken })

createApp(App).use(createPinia()).mount('#app')
