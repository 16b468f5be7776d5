using Atss.Cli.Coco;

namespace Atss.Cli.Recipe;

/// <summary>
/// MMDetection 3.x's COCO pipeline: boxes follow <c>CocoDataset.parse_data_info</c> (drop <c>ignore</c>, boxes not
/// overlapping the image, <c>area &lt;= 0</c>, <c>w &lt; 1</c> or <c>h &lt; 1</c>; crowd boxes become ignore regions),
/// become <c>[x, y, x + w, y + h]</c> (float64, then float32), and are scaled per axis in float32 and clipped to the
/// resized image.
/// </summary>
internal sealed class MmDetectionRecipe(ResizeScale scale) : TrainingRecipe(Convention.MmDetection, scale)
{
    public override string PipelineDescription
        => $"MMDetection: {ResizeDescription("mmcv rounding")}; boxes [x, y, x+w, y+h] scaled per axis and clipped; crowd = ignore regions";

    public override ResizedImage Resize(int width, int height) => TrainingResize.MmDetection(width, height, Scale);

    private protected override AnnotationUse Convert(in CocoAnnotation a, in CocoImage image, ResizedImage size, out Box box)
    {
        box = default;
        if (a.Ignore)
        {
            return AnnotationUse.Dropped;
        }

        double overlapW = Math.Max(0, Math.Min(a.Right, image.Width) - Math.Max(a.X, 0));
        double overlapH = Math.Max(0, Math.Min(a.Bottom, image.Height) - Math.Max(a.Y, 0));
        if (overlapW * overlapH == 0 || a.Area <= 0 || a.Width < 1 || a.Height < 1)
        {
            return AnnotationUse.Dropped;
        }

        float sx = (float)size.ScaleX;
        float sy = (float)size.ScaleY;
        float x1 = Math.Clamp(a.X * sx, 0f, size.Width);
        float y1 = Math.Clamp(a.Y * sy, 0f, size.Height);
        float x2 = Math.Clamp(a.Right * sx, 0f, size.Width);
        float y2 = Math.Clamp(a.Bottom * sy, 0f, size.Height);
        box = new Box(x1, y1, x2, y2);
        return a.IsCrowd ? AnnotationUse.IgnoreRegion : AnnotationUse.Target;
    }
}
