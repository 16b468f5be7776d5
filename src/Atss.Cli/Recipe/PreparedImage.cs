namespace Atss.Cli.Recipe;

/// <summary>One image ready for assignment: priors for its padded size and its boxes in resized-image pixels.</summary>
/// <param name="Id">The COCO image id.</param>
/// <param name="Size">Resized and padded geometry.</param>
/// <param name="Priors">The priors of the padded size (shared by every image of that size).</param>
/// <param name="GtBoxes">Target boxes, resized.</param>
/// <param name="GtLabels">Contiguous class label of each target box.</param>
/// <param name="GtAreas">Each target box's annotation area in the original image (for COCO size buckets).</param>
/// <param name="IgnoreBoxes">Crowd regions, resized (used only when the options set an ignore threshold).</param>
/// <param name="DroppedCount">Annotations the recipe drops (ignore flag, empty or sub-pixel boxes, unknown category).</param>
internal sealed record PreparedImage(long Id, ResizedImage Size, PriorSet Priors, Box[] GtBoxes, int[] GtLabels, double[] GtAreas, Box[] IgnoreBoxes, int DroppedCount);
