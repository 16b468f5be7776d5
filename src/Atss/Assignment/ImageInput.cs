namespace Atss;

/// <summary>One image of a batch: its priors, ground-truth boxes and labels, and optional ignore regions.</summary>
/// <remarks>Each image has its own box count; nothing is padded, so no box is mistaken for padding.</remarks>
/// <param name="Priors">The image's priors (images of one padded size can share one set).</param>
/// <param name="GtBoxes">Ground-truth boxes; may be empty.</param>
/// <param name="GtLabels">Class label of each box.</param>
/// <param name="IgnoreBoxes">Ignore (crowd) regions; may be empty.</param>
public readonly record struct ImageInput(PriorSet Priors, ReadOnlyMemory<Box> GtBoxes, ReadOnlyMemory<int> GtLabels, ReadOnlyMemory<Box> IgnoreBoxes = default);
