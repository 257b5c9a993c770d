// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

extension TempoEstimator {
    /// The estimate for a task whose instruments play as `plan` says (drums
    /// and bass known from it); nil when there are too few notes to tell.
    public static func estimate(task: MIDITask, plan: ChannelPlan) -> TempoEstimate? {
        let parts = zip(task.instruments, plan.assignments).map { instrument, assignment in
            Part(notes: instrument.notes,
                 role: assignment.isDrum ? .drums : (32...39).contains(assignment.program) ? .bass : .other)
        }
        return estimate(parts)
    }
}
