import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ProblemList } from './Problems';

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
