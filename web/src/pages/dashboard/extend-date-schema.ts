// Moving a date of the calendar later, with its reason: the form's values in (the new date as datetime-local text
// in Vietnam's time), the body of POST /v1/cycles/{id}/calendar-extensions out, checked by the domain's own schema
// of the extension (ExtendCalendar, without the actor the API adds).
import { z } from 'zod';
import { CalendarDeadline, ExtendCalendar } from '../../../../domain/cycle';
import { fromLocalInput } from '../../format/dates';
import { checkedBy } from '../cycles/checked-by';

export const ExtendDateRequest = z
  .object({ deadline: CalendarDeadline, until: z.string(), reason: z.string() })
  .transform(({ until, ...rest }) => ({ ...rest, until: until === '' ? until : fromLocalInput(until) }))
  .transform(checkedBy(ExtendCalendar.omit({ actor: true })));

export type ExtendDateFields = z.input<typeof ExtendDateRequest>;
