namespace Atss.Cli.Coco;

/// <summary>One COCO instance annotation, as written in the file (nothing filtered or converted yet).</summary>
/// <param name="Id">The annotation id (0 when the file gives none).</param>
/// <param name="CategoryId">The COCO category id.</param>
/// <param name="X">Left edge of <c>bbox</c> in original-image pixels.</param>
/// <param name="Y">Top edge of <c>bbox</c>.</param>
/// <param name="Width">Box width (&gt;= 0).</param>
/// <param name="Height">Box height (&gt;= 0).</param>
/// <param name="Area">The <c>area</c> member (what COCO evaluation buckets by), or <c>Width * Height</c> when absent.</param>
/// <param name="IsCrowd">The <c>iscrowd</c> flag: such boxes are ignore regions, not targets.</param>
/// <param name="Ignore">The optional <c>ignore</c> flag: MMDetection drops such annotations.</param>
internal readonly record struct CocoAnnotation(long Id, int CategoryId, double X, double Y, double Width, double Height, double Area, bool IsCrowd, bool Ignore);
