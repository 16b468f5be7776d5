namespace Atss;

/// <summary>
/// The abstraction every sample-selection strategy implements (ATSS, and the strategies the paper compares it
/// with): one calling convention, one result type. Implementations are immutable and thread-safe.
/// </summary>
/// <remarks>
/// All inputs are validated before any output is written. Working memory is O(N + G x candidates), never a
/// priors x boxes matrix.
/// </remarks>
public abstract class PriorAssigner
{
    /// <summary>Only the library's strategies derive from this class (its core is internal).</summary>
    private protected PriorAssigner()
    {
    }

    // The array overload's scratch memory: one workspace per thread, grown to the largest image that thread has seen
    // and kept for reuse (about 3 ints per prior); use the span overload with your own workspace to control it.
    [ThreadStatic]
    private static AssignmentWorkspace? t_workspace;

    /// <summary>
    /// Assigns one image and returns a fresh result (convenient; allocates the result arrays).
    /// </summary>
    /// <remarks>Scratch memory comes from a workspace cached per thread: it grows to the largest image the thread has
    /// assigned (about 12 bytes per prior) and is kept for the thread's lifetime. To control that memory, use the span
    /// overload with your own <see cref="AssignmentWorkspace"/>.</remarks>
    /// <param name="priors">The image's priors.</param>
    /// <param name="gtBoxes">Ground-truth boxes <c>[x1, y1, x2, y2]</c>; may be empty (then every prior is negative).</param>
    /// <param name="gtLabels">Class label of each box; same length as <paramref name="gtBoxes"/>.</param>
    /// <param name="ignoreBoxes">Ignore (crowd) regions; always validated, but used only by strategies with an ignore
    /// threshold set (for ATSS <see cref="AtssOptions.IgnoreIofThreshold"/>, off by default).</param>
    /// <returns>The assignment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="priors"/> is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ; a box has a NaN or infinite coordinate, is inverted, or exceeds
    /// <see cref="MaxCoordinate"/> in magnitude; a label is negative; or the priors do not suit the strategy (for example
    /// FCOS needs one size range per level, and centre sampling needs priors with grids).</exception>
    public AssignmentResult AssignTargets(PriorSet priors, ReadOnlySpan<Box> gtBoxes, ReadOnlySpan<int> gtLabels, ReadOnlySpan<Box> ignoreBoxes = default)
    {
        ThrowHelper.ThrowIfNull(priors, nameof(priors));
        int n = priors.Count;
        // Every element is written by the assignment, so the arrays skip the runtime's zeroing (large images put them on
        // the large object heap, where that zeroing is a pass over fresh pages).
        int[] assignedGt = GC.AllocateUninitializedArray<int>(n);
        int[] labels = GC.AllocateUninitializedArray<int>(n);
        float[] ious = GC.AllocateUninitializedArray<float>(n);
        var stats = new GtStatistics[gtBoxes.Length];
        AssignmentWorkspace workspace = t_workspace ??= new AssignmentWorkspace();
        AssignTargets(priors, gtBoxes, gtLabels, ignoreBoxes, workspace, assignedGt, labels, ious, stats);
        return new AssignmentResult(assignedGt, labels, ious, workspace.PositiveIndices.ToArray(), stats);
    }

    /// <summary>
    /// Assigns one image into caller-provided spans; allocation-free once <paramref name="workspace"/> has grown to
    /// the image size. The positive priors are then in <see cref="AssignmentWorkspace.PositiveIndices"/>.
    /// </summary>
    /// <param name="priors">The image's priors.</param>
    /// <param name="gtBoxes">Ground-truth boxes; may be empty.</param>
    /// <param name="gtLabels">Class label of each box.</param>
    /// <param name="ignoreBoxes">Ignore (crowd) regions; may be empty; always validated, but used only by strategies with
    /// an ignore threshold set (for ATSS <see cref="AtssOptions.IgnoreIofThreshold"/>, off by default).</param>
    /// <param name="workspace">Scratch memory, one per thread.</param>
    /// <param name="assignedGt">Destination, at least N long: ground-truth index, <see cref="AssignmentResult.Negative"/> or <see cref="AssignmentResult.Ignored"/>.</param>
    /// <param name="assignedLabels">Destination, at least N long: label at positives, <see cref="AssignmentResult.NoLabel"/> elsewhere.</param>
    /// <param name="assignedIous">Destination, at least N long: IoU with the assigned box at positives, 0 elsewhere.</param>
    /// <param name="gtStatistics">Optional destination, empty or at least G long: per-box diagnostics.</param>
    /// <returns>The number of positive priors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="priors"/> or <paramref name="workspace"/> is null.</exception>
    /// <exception cref="ArgumentException">A destination is too short, or as for the other overload: lengths differ, a box or
    /// label is invalid, or the priors do not suit the strategy.</exception>
    public int AssignTargets(
        PriorSet priors,
        ReadOnlySpan<Box> gtBoxes,
        ReadOnlySpan<int> gtLabels,
        ReadOnlySpan<Box> ignoreBoxes,
        AssignmentWorkspace workspace,
        Span<int> assignedGt,
        Span<int> assignedLabels,
        Span<float> assignedIous,
        Span<GtStatistics> gtStatistics = default)
    {
        ThrowHelper.ThrowIfNull(priors, nameof(priors));
        ThrowHelper.ThrowIfNull(workspace, nameof(workspace));
        int n = priors.Count;
        if (gtLabels.Length != gtBoxes.Length)
        {
            ThrowHelper.ThrowArgument(nameof(gtLabels), $"has length {gtLabels.Length}; expected one label per box ({gtBoxes.Length}).");
        }

        Validation.ValidateBoxes(gtBoxes, nameof(gtBoxes));
        Validation.ValidateBoxes(ignoreBoxes, nameof(ignoreBoxes));
        Validation.ValidateLabels(gtLabels, nameof(gtLabels));
        ValidatePriors(priors);
        ThrowHelper.ThrowIfTooShort(assignedGt.Length, n, nameof(assignedGt));
        ThrowHelper.ThrowIfTooShort(assignedLabels.Length, n, nameof(assignedLabels));
        ThrowHelper.ThrowIfTooShort(assignedIous.Length, n, nameof(assignedIous));
        if (!gtStatistics.IsEmpty && gtStatistics.Length < gtBoxes.Length)
        {
            ThrowHelper.ThrowArgument(nameof(gtStatistics), $"has length {gtStatistics.Length}; it must be empty or hold at least one entry per box ({gtBoxes.Length}).");
        }

        int maxLevel = 0;
        foreach (int c in priors.LevelCounts)
        {
            maxLevel = Math.Max(maxLevel, c);
        }

        workspace.EnsurePriorCapacity(n, maxLevel, priors.LevelCount);
        var request = new AssignmentRequest(priors, gtBoxes, gtLabels, ignoreBoxes, workspace, assignedGt[..n], assignedLabels[..n], assignedIous[..n], gtStatistics.IsEmpty ? default : gtStatistics[..gtBoxes.Length]);
        return Assign(ref request);
    }

    /// <summary>
    /// Assigns a batch of images, in parallel across images. Every image is validated before any is assigned, so a bad
    /// image fails the whole call (the message names its index) and nothing is half-written. The results are identical
    /// to calling <see cref="AssignTargets(PriorSet, ReadOnlySpan{Box}, ReadOnlySpan{int}, ReadOnlySpan{Box})"/> image by image.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="maxDegreeOfParallelism">Most images assigned at once; -1 (default) lets the runtime decide, 1 runs sequentially.</param>
    /// <returns>One result per image, in input order.</returns>
    /// <remarks>Allocates each image's result arrays, and every worker thread keeps its cached workspace (see
    /// <see cref="AssignTargets(PriorSet, ReadOnlySpan{Box}, ReadOnlySpan{int}, ReadOnlySpan{Box})"/>); training loops
    /// should prefer the overload with <see cref="AssignmentBuffers"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    /// <exception cref="ArgumentException">An image is invalid; the message starts with <c>images[i]</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than -1.</exception>
    public AssignmentResult[] AssignTargetsBatch(IReadOnlyList<ImageInput> images, int maxDegreeOfParallelism = -1)
    {
        ThrowHelper.ThrowIfNull(images, nameof(images));
        ValidateParallelism(maxDegreeOfParallelism);

        for (int i = 0; i < images.Count; i++)
        {
            ValidateImage(images[i], i);
        }

        var results = new AssignmentResult[images.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, images.Count, options, i =>
        {
            ImageInput image = images[i];
            results[i] = AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span);
        });
        return results;
    }

    /// <summary>
    /// Assigns a batch of images in parallel into reusable buffers, one set per image: the form of
    /// <see cref="AssignTargetsBatch(IReadOnlyList{ImageInput}, int)"/> for training loops. Every image is validated first.
    /// </summary>
    /// <remarks>No per-prior allocation once the buffers have grown; each call still allocates a few kilobytes for the
    /// parallel loop (the buffer check and <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>).</remarks>
    /// <param name="images">The images.</param>
    /// <param name="buffers">At least one buffer set per image; image i is written to <c>buffers[i]</c>.</param>
    /// <param name="maxDegreeOfParallelism">Most images assigned at once; -1 lets the runtime decide, 1 runs sequentially.</param>
    /// <exception cref="ArgumentNullException"><paramref name="images"/>, <paramref name="buffers"/> or a buffer set is null.</exception>
    /// <exception cref="ArgumentException">An image is invalid (the message starts with <c>images[i]</c>), or there are fewer buffer sets than images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than -1.</exception>
    public void AssignTargetsBatch(IReadOnlyList<ImageInput> images, IReadOnlyList<AssignmentBuffers> buffers, int maxDegreeOfParallelism = -1)
    {
        ThrowHelper.ThrowIfNull(images, nameof(images));
        ThrowHelper.ThrowIfNull(buffers, nameof(buffers));
        ValidateParallelism(maxDegreeOfParallelism);
        if (buffers.Count < images.Count)
        {
            ThrowHelper.ThrowArgument(nameof(buffers), $"has {buffers.Count} buffer sets; expected at least one per image ({images.Count}).");
        }

        var distinct = new HashSet<AssignmentBuffers>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < images.Count; i++)
        {
            ValidateImage(images[i], i);
            if (buffers[i] is null)
            {
                throw new ArgumentNullException(nameof(buffers), $"buffers[{i}] is null.");
            }

            if (!distinct.Add(buffers[i]))
            {
                ThrowHelper.ThrowArgument(nameof(buffers), $"repeats one buffer set at index {i}; each image needs its own (images run in parallel).");
            }
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(0, images.Count, options, i =>
        {
            ImageInput image = images[i];
            AssignmentBuffers b = buffers[i];
            b.Prepare(image.Priors.Count, image.GtBoxes.Length);
            b.PositiveCount = AssignTargets(image.Priors, image.GtBoxes.Span, image.GtLabels.Span, image.IgnoreBoxes.Span, b.Workspace, b.AssignedGt, b.Labels, b.Ious, b.GtStatistics);
        });
    }

    private static void ValidateParallelism(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            ThrowHelper.ThrowOutOfRange(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "-1 or a value >= 1");
        }
    }

    private void ValidateImage(ImageInput image, int index)
    {
        try
        {
            ThrowHelper.ThrowIfNull(image.Priors, nameof(image.Priors));
            if (image.GtLabels.Length != image.GtBoxes.Length)
            {
                ThrowHelper.ThrowArgument(nameof(image.GtLabels), $"has length {image.GtLabels.Length}; expected one label per box ({image.GtBoxes.Length}).");
            }

            Validation.ValidateBoxes(image.GtBoxes.Span, nameof(image.GtBoxes));
            Validation.ValidateBoxes(image.IgnoreBoxes.Span, nameof(image.IgnoreBoxes));
            Validation.ValidateLabels(image.GtLabels.Span, nameof(image.GtLabels));
            ValidatePriors(image.Priors);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"images[{index}]: {e.Message}", "images", e);
        }
    }

    /// <summary>Largest coordinate magnitude accepted (1e18): squares of distances and areas then stay finite in float32.</summary>
    public const float MaxCoordinate = 1e18f;

    /// <summary>Checks that a prior set suits the strategy (for example one size range per level); throws <see cref="ArgumentException"/> naming <c>priors</c>.</summary>
    /// <param name="priors">The priors of one image.</param>
    private protected virtual void ValidatePriors(PriorSet priors)
    {
    }

    /// <summary>Runs the strategy on validated inputs. Writes every destination element and the workspace's positives.</summary>
    /// <param name="request">Validated inputs and destinations.</param>
    /// <returns>The number of positives.</returns>
    private protected abstract int Assign(ref AssignmentRequest request);
}
