// What every subcommand needs: a connected client, and output in the form asked for.
import { loadConfig } from '../../../worker/config';
import { OcopClient } from '../../ocop-client';

export function print(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
}

export async function withClient<T>(run: (client: OcopClient) => Promise<T>): Promise<T> {
  const client = await OcopClient.connect(loadConfig(process.env));
  try {
    return await run(client);
  } finally {
    await client.close();
  }
}
