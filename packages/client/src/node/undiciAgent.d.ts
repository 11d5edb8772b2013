/** undici's Agent module on its own (`module.exports = Agent`); undici's types describe only its index. */
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export = Agent;
}
