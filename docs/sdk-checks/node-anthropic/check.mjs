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
// A tool-use round trip (issue #14 item 6): sim-echo calls the offered tool with arguments that fit
// its schema, then answers the tool's result with text — plain, then streamed.
const ask = [{ role: 'user', content: 'What is the weather in Lisbon?' }];
const call = await client.messages.create({ model: 'sim-echo', max_tokens: 64, tools, messages: ask });
const use = call.content.find((block) => block.type === 'tool_use');
console.log('tool_use ->', call.stop_reason, use.name, JSON.stringify(use.input), JSON.stringify(call.usage));
const answered = await client.messages.create({ model: 'sim-echo', max_tokens: 64, tools, messages: [...ask,
  { role: 'assistant', content: call.content },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '21 degrees and sunny' }] }] });
console.log('tool_result ->', answered.stop_reason, answered.content[0].text, JSON.stringify(answered.usage));
const streamed = await client.messages.stream({ model: 'sim-echo', max_tokens: 64, tools, messages: ask }).finalMessage();
const streamedUse = streamed.content.find((block) => block.type === 'tool_use');
console.log('stream tool_use ->', streamed.stop_reason, streamedUse.name, JSON.stringify(streamedUse.input));
