// One choice among a few (the review's decision, the inspection's outcome) as radio buttons in a fieldset, its
// legend naming the question, so each option is read with it.
import type { UseFormRegisterReturn } from 'react-hook-form';

interface ChoiceProps {
  legend: string;
  options: readonly { value: string; label: string }[];
  registration: UseFormRegisterReturn;
}

export function Choice({ legend, options, registration }: ChoiceProps) {
  return (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input type="radio" value={option.value} {...registration} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
}
