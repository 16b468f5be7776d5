namespace Atss.Cli.Recipe;

/// <summary>One image ready for assignment: its resized geometry and its boxes in resized-image pixels.</summary>
/// <param name="Id">The COCO image id.</param>
/// <param name="Size">Resized and padded geometry (the priors cover the padded size).</param>
/// <param name="GtBoxes">Target boxes, resized.</param>
/// <param name="GtLabels">Contiguous class label of each target box.</param>
/// <param name="GtAreas">Each target box's annotation area in the original image (for COCO size buckets).</param>
/// <param name="IgnoreBoxes">Crowd regions, resized (used only by strategies with an ignore threshold).</param>
/// <param name="DroppedCount">Annotations the recipe drops (ignore flag, empty or sub-pixel boxes, unknown category).</param>
internal sealed record PreparedImage(long Id, ResizedImage Size, Box[] GtBoxes, int[] GtLabels, double[] GtAreas, Box[] IgnoreBoxes, int DroppedCount);
