using Atss.Cli.Recipe;
using SkiaSharp;

namespace Atss.Cli.Drawing;

/// <summary>Everything <see cref="ImageRenderer"/> draws for one image.</summary>
/// <param name="ImageId">The COCO image id.</param>
/// <param name="Width">Original image width: the drawing's width.</param>
/// <param name="Height">Original image height: the drawing's height.</param>
/// <param name="Prepared">The boxes as the assigner saw them (resized; drawn scaled back).</param>
/// <param name="Priors">The priors the image was assigned on.</param>
/// <param name="Result">The assignment.</param>
/// <param name="StrategyName">The strategy, for the legend.</param>
/// <param name="Strides">The stride of each FPN level of the priors.</param>
/// <param name="BoxNames">The category name of each target box.</param>
/// <param name="Background">The real image, scaled to the drawing's size; null for a blank canvas.</param>
/// <param name="HasIouThreshold">Whether the strategy's per-box threshold is an IoU threshold worth labelling.</param>
/// <param name="PriorBoxes">Whether to outline each positive prior's box (anchors of coarse levels are large), not only its centre.</param>
internal sealed record ImageScene(long ImageId, int Width, int Height, PreparedImage Prepared, PriorSet Priors, AssignmentResult Result, string StrategyName, int[] Strides, IReadOnlyList<string> BoxNames, SKBitmap? Background, bool HasIouThreshold, bool PriorBoxes);
