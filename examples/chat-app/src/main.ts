import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createSessionsPlugin } from 'vue-chat-stream'
import 'vue-chat-stream/style.css'
import App from './App.vue'
import { accessToken, apiBaseUrl } from './chat-config'

// This app's sessions store streams from here with `Authorization: Bearer <token>`.
createApp(App)
  .use(createPinia())
  .use(createSessionsPlugin({ baseUrl: apiBaseUrl(), token: accessToken }))
  .mount('#app')
