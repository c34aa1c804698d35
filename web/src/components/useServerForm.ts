// Every form the same way: react-hook-form checks the fields against the domain's own zod schema before anything is
// sent, and when the API still refuses, its per-field errors land beside the same fields (its paths are dotted, as
// react-hook-form's are) and anything else shows above the form.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useForm, type DefaultValues, type FieldValues, type Path } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../api/problem';

interface ServerFormOptions<Input extends FieldValues, Output, Result> {
  schema: z.ZodType<Output, Input>;
  defaultValues: DefaultValues<Input>;
  submit: (values: Output) => Promise<Result>;
  /** Queries whose data the change makes stale (the product, the list, my tasks). */
  invalidates?: QueryKey[];
  onDone?: (result: Result) => void;
}

export function useServerForm<Input extends FieldValues, Output, Result>(
  options: ServerFormOptions<Input, Output, Result>,
) {
  const queryClient = useQueryClient();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(options.schema),
    defaultValues: options.defaultValues,
    mode: 'onTouched',
  });
  const mutation = useMutation({
    mutationFn: options.submit,
    onSuccess: async (result) => {
      await Promise.all((options.invalidates ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onDone?.(result);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      for (const { field, rule } of error.fieldErrors) {
        if (field) form.setError(field as Path<Input>, { type: 'server', message: rule });
      }
    },
  });
  const onSubmit = form.handleSubmit((values) => mutation.mutate(values));
  return { form, mutation, onSubmit };
}
