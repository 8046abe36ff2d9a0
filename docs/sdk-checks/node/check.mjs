import OpenAI from 'openai';
const client = new OpenAI({ baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:8080/v1', apiKey: process.env.KEY });
const r = await client.chat.completions.create({ model: 'sim-echo', messages: [{ role: 'user', content: 'Hello from Node' }] });
console.log(r.choices[0].message.content, JSON.stringify(r.usage));
try { await client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }); }
catch (e) { console.log('unknown model ->', e.status, e.error?.code); }
try { await new OpenAI({ baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:8080/v1', apiKey: 'sg-wrong' }).chat.completions.create({ model: 'sim-echo', messages: [{ role: 'user', content: 'x' }] }); }
catch (e) { console.log('wrong key ->', e.status, e.error?.code); }
