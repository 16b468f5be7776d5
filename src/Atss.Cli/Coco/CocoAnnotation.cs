namespace Atss.Cli.Coco;

/// <summary>
/// One COCO instance annotation, kept compact (40 bytes) so that the 860k annotations of COCO train2017 fit in about
/// 35 MB: the category, the <c>bbox</c> in float32, and the flags that decide how a training pipeline uses it.
/// </summary>
/// <remarks>
/// <see cref="Right"/> and <see cref="Bottom"/> are <c>x + width</c> and <c>y + height</c> summed in float64 from the
/// file's numbers and then rounded to float32, which is how MMDetection builds <c>[x1, y1, x2, y2]</c>; the paper's
/// pipeline uses the float32 <see cref="Width"/> and <see cref="Height"/> instead.
/// </remarks>
/// <param name="Area">The <c>area</c> member (what COCO evaluation buckets by), or <c>width * height</c> when absent.</param>
/// <param name="CategoryId">The COCO category id.</param>
/// <param name="X">Left edge of <c>bbox</c> in original-image pixels (float32).</param>
/// <param name="Y">Top edge of <c>bbox</c>.</param>
/// <param name="Width">Box width (&gt;= 0).</param>
/// <param name="Height">Box height (&gt;= 0).</param>
/// <param name="Right"><c>x + width</c>, see remarks.</param>
/// <param name="Bottom"><c>y + height</c>, see remarks.</param>
/// <param name="IsCrowd">The <c>iscrowd</c> flag: such boxes are ignore regions, not targets.</param>
/// <param name="Ignore">The optional <c>ignore</c> flag: MMDetection drops such annotations.</param>
internal readonly record struct CocoAnnotation(double Area, int CategoryId, float X, float Y, float Width, float Height, float Right, float Bottom, bool IsCrowd, bool Ignore);
