import { keyUnexpanded } from './unexpanded.js';
import { checkTable, sampleKey } from './test-helpers.js';

const key = sampleKey('openai');

checkTable(keyUnexpanded, 'key.unexpanded', {
  finds: [
    { name: '$NAME', value: '$OPENAI_API_KEY', evidence: ['$NAME (shell)'] },
    { name: '${NAME}', value: '${OPENAI_API_KEY}', evidence: ['${NAME}'] },
    { name: '${NAME:-default}', value: '${API_KEY:-}' },
    { name: 'a partial ${NAME}', value: 'sk-${KEY_SUFFIX}' },
    { name: 'GitHub Actions ${{ secrets.X }}', value: '${{ secrets.OPENAI_API_KEY }}' },
    { name: '{{ secrets.X }}', value: '{{ secrets.API_KEY }}', evidence: ['{{ … }}'] },
    { name: '{{X}} without spaces', value: '{{API_KEY}}' },
    { name: '%NAME% (cmd.exe)', value: '%OPENAI_API_KEY%', evidence: ['%NAME%'] },
    { name: '$env:NAME (PowerShell)', value: '$env:OPENAI_API_KEY', evidence: ['$env:NAME'] },
    { name: '$(command)', value: '$(cat ~/.openai-key)' },
    { name: 'process.env.NAME', value: 'process.env.OPENAI_API_KEY', evidence: ['process.env'] },
    { name: "process.env['NAME']", value: "process.env['OPENAI_API_KEY']" },
    { name: 'import.meta.env.NAME', value: 'import.meta.env.VITE_API_KEY' },
    { name: 'os.environ', value: 'os.environ["OPENAI_API_KEY"]' },
    { name: 'os.getenv', value: 'os.getenv("OPENAI_API_KEY")' },
    { name: 'after a scheme', value: 'Bearer $TOKEN' },
    { name: 'quoted', value: '"${API_KEY}"' },
    { name: 'with a trailing newline', value: '$API_KEY\n' },
  ].map((c) => ({ ...c, quotable: true })),
  ok: [
    { name: 'a clean key', value: key },
    { name: 'a dollar inside a password', value: `pa$$${key.slice(10, 30)}` },
    { name: 'a percent-encoded character', value: `${key.slice(0, 20)}%2F${key.slice(20)}` },
    { name: 'a lone brace', value: `${key}}` },
    { name: 'empty', value: '' },
  ],
});
