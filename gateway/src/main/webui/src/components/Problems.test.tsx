import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../api';
import { ApiProblems, ProblemList } from './Problems';

afterEach(cleanup);

describe('ProblemList', () => {
  const problems = [
    { field: 'machine_id', message: "must be 3..64 lowercase letters, digits or _, got 'Pump With Spaces'", fix: "use 'pump_with_spaces'" },
    { field: 'rul.degradation_pattern', message: 'is missing', fix: 'use one of: linear_slow, exponential' },
    { field: '(file)', message: 'malformed YAML', fix: 'upload the file again' },
  ];

  it('shows every problem with its fix and applies a concrete fix with one click', () => {
    const apply = vi.fn();
    render(<ProblemList problems={problems} onApply={apply} />);
    expect(screen.getByText('3 problems in the profile')).toBeTruthy();
    expect(screen.getByText("Fix: use 'pump_with_spaces'")).toBeTruthy();
    expect(screen.getByText('Fix: upload the file again')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Apply “pump_with_spaces”/ }));
    expect(apply).toHaveBeenCalledWith('machine_id', 'pump_with_spaces');
    fireEvent.click(screen.getByRole('button', { name: /Use exponential/ }));
    expect(apply).toHaveBeenCalledWith('rul.degradation_pattern', 'exponential');
    // no button for advice without a value
    expect(screen.getAllByRole('button')).toHaveLength(3);
  });

  it('shows nothing without problems and no buttons without a handler', () => {
    const { container, rerender } = render(<ProblemList problems={[]} />);
    expect(container.innerHTML).toBe('');
    rerender(<ProblemList problems={problems} />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});

describe('ApiProblems', () => {
  it('shows the API error with each detail: the column, the row in the message, the fix', () => {
    const e = new ApiError(422, 'DATA_INVALID', 'the data cannot be brought in: temp', [
      { field: 'temp', message: "row 30001: 'hot' is not a number", fix: 'correct the value or drop the column' },
    ]);
    render(<ApiProblems error={e} title="The file could not be read" />);
    const box = screen.getByRole('alert');
    expect(box.textContent).toContain('The file could not be read: the data cannot be brought in: temp (DATA_INVALID)');
    expect(box.querySelector('[data-field="temp"] code')?.textContent).toBe('temp');
    expect(box.textContent).toContain("row 30001: 'hot' is not a number");
    expect(box.textContent).toContain('Fix: correct the value or drop the column');
  });

  it('shows a task’s error ({code, message}) in words, not as an object', () => {
    render(<ApiProblems error={{ code: 'SEED_UNUSABLE', message: 'the model to refine learnt [col26], which this data lacks' }} title="training failed" />);
    expect(screen.getByRole('alert').textContent).toBe('training failed: the model to refine learnt [col26], which this data lacks (SEED_UNUSABLE)');
  });

  it('shows nothing without an error', () => {
    const { container } = render(<ApiProblems error={undefined} title="x" />);
    expect(container.innerHTML).toBe('');
  });
});
