import Anthropic from '@anthropic-ai/sdk';
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const client = new Anthropic({ baseURL, apiKey: process.env.KEY, maxRetries: 0 });
const messages = [{ role: 'user', content: 'Hello from the Anthropic SDK' }];
const tools = [{ name: 'get_weather', description: 'The current weather of a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }];
const plain = await client.messages.countTokens({ model: 'sim-echo', messages });
const system = await client.messages.countTokens({ model: 'sim-echo', system: 'Answer in one sentence.', messages });
const withTools = await client.messages.countTokens({ model: 'sim-echo', messages, tools });
const gpt = await client.messages.countTokens({ model: 'gpt-4o', messages });
console.log('countTokens plain', JSON.stringify(plain), 'system', system.input_tokens, 'tools', withTools.input_tokens,
  'gpt-4o', gpt.input_tokens);
const reply = await client.messages.create({ model: 'sim-echo', max_tokens: 32, messages });
console.log('create ->', reply.content[0].text, JSON.stringify(reply.usage));
try { await client.messages.countTokens({ model: 'nope', messages }); }
catch (e) { console.log('countTokens unknown model ->', e.constructor.name, e.status, e.error?.error?.type); }
try { await client.messages.countTokens({ model: 'sim-echo', messages: [] }); }
catch (e) { console.log('countTokens no messages ->', e.constructor.name, e.status, e.error?.error?.type); }
try { await new Anthropic({ baseURL, apiKey: 'sg-wrong', maxRetries: 0 }).messages.countTokens({ model: 'sim-echo', messages }); }
catch (e) { console.log('countTokens wrong key ->', e.constructor.name, e.status, e.error?.error?.type); }
