// One action's form: the body checked by the API's own schema before it is sent, sent to the endpoint the API
// offered, and on success the product, the list and my tasks read again, since the action changed all three.
import type { DefaultValues, FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import { fetchWithToken } from '../../../api/client';
import { useServerForm } from '../../../components/useServerForm';
import type { OfferedAction } from '../product-detail';

/** What every action's form is given: the product, the endpoint the API offered, and whom to tell when it is done. */
export interface ActionFormProps {
  productId: string;
  offered: OfferedAction;
  onDone: () => void;
}

async function postAction(path: string, body: unknown): Promise<unknown> {
  const response = await fetchWithToken(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

export function useActionForm<Input extends FieldValues, Output>(
  { productId, offered, onDone }: ActionFormProps,
  schema: z.ZodType<Output, Input>,
  defaultValues: DefaultValues<Input>,
) {
  return useServerForm({
    schema,
    defaultValues,
    submit: (body: Output) => postAction(offered.path, body),
    invalidates: [['product', productId], ['products'], ['tasks']],
    onDone,
  });
}
