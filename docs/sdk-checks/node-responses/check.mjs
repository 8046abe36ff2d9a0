// Checks a running gateway's Responses API with today's Node clients (issue #14):
// the Vercel AI SDK's default openai(...) model (which calls /v1/responses) plain, streamed and with a
// tool it runs, and LangChain's ChatOpenAI with a bound tool, its call answered with a ToolMessage.
import { generateText, streamText, tool, stepCountIs } from 'ai';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { z } from 'zod';

const baseURL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080') + '/v1';
const apiKey = process.env.KEY;
const openai = createOpenAI({ baseURL, apiKey });

const plain = await generateText({ model: openai('sim-echo'), prompt: 'Hello from the Vercel AI SDK' });
console.log('ai generateText ->', plain.text, JSON.stringify({ input: plain.usage.inputTokens,
  output: plain.usage.outputTokens }), plain.response.id);

const streamed = streamText({ model: openai('sim-echo'), prompt: 'Streamed through the Responses API' });
let text = '';
for await (const delta of streamed.textStream) {
  text += delta;
}
const streamedUsage = await streamed.usage;
console.log('ai streamText ->', text, JSON.stringify({ input: streamedUsage.inputTokens,
  output: streamedUsage.outputTokens }));

// A second turn: the AI SDK sends the first answer back as an item_reference to the stored response's item.
const followUp = await generateText({ model: openai('sim-echo'), messages: [
  { role: 'user', content: 'Hello from the Vercel AI SDK' }, ...plain.response.messages,
  { role: 'user', content: 'And a second turn' }] });
console.log('ai second turn ->', followUp.text, JSON.stringify({ input: followUp.usage.inputTokens,
  output: followUp.usage.outputTokens }));

const weather = await generateText({
  model: openai('sim-echo'),
  prompt: 'What is the weather in Paris?',
  tools: {
    get_weather: tool({
      description: 'The weather in a city',
      inputSchema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
      execute: async ({ city, unit }) => `18 degrees ${unit} in ${city}`,
    }),
  },
  stopWhen: stepCountIs(2),
});
console.log('ai tool ->', weather.steps.map(s => s.toolCalls.map(c => `${c.toolName}(${JSON.stringify(c.input)})`)
  .join(',') || s.finishReason).join(' then '), '->', weather.text);

const chat = new ChatOpenAI({ model: 'sim-echo', apiKey, configuration: { baseURL }, maxRetries: 0 });
const bound = chat.bindTools([{ type: 'function', function: { name: 'get_weather', description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }]);
const question = new HumanMessage('What is the weather in Rome?');
const call = await bound.invoke([question]);
console.log('langchain tool call ->', JSON.stringify(call.tool_calls.map(c => ({ name: c.name, args: c.args }))));
const answer = await bound.invoke([question, call,
  new ToolMessage({ tool_call_id: call.tool_calls[0].id, content: '25 degrees' })]);
console.log('langchain answer ->', answer.content, JSON.stringify(answer.usage_metadata));
