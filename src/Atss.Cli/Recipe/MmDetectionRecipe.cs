using Atss.Cli.Coco;

namespace Atss.Cli.Recipe;

/// <summary>
/// MMDetection 3.x <c>atss_r50_fpn_1x_coco</c>: <see cref="AtssOptions.MmDetection"/> on <see cref="AnchorGenerator.Atss"/>
/// priors. Boxes follow <c>CocoDataset.parse_data_info</c> (drop <c>ignore</c>, boxes not overlapping the image,
/// <c>area &lt;= 0</c>, <c>w &lt; 1</c> or <c>h &lt; 1</c>; crowd boxes become ignore regions), become
/// <c>[x, y, x + w, y + h]</c> (float64, then float32), and are scaled per axis in float32 and clipped to the resized image.
/// </summary>
internal sealed class MmDetectionRecipe(int topK)
    : TrainingRecipe(Convention.MmDetection, AtssOptions.MmDetection with { TopK = topK }, AnchorGenerator.Atss)
{
    public override string AssignerDescription
        => $"AtssOptions.MmDetection (k = {Options.TopK} per level, continuous IoU), AnchorGenerator.Atss priors (strides 8..128, 1 anchor per location)";

    public override string PipelineDescription
        => "MMDetection: shorter side 800, longer <= 1333 (mmcv rounding), pad to 32; boxes [x, y, x+w, y+h] scaled per axis and clipped; crowd = ignore regions";

    public override ResizedImage Resize(int width, int height) => TrainingResize.MmDetection(width, height);

    private protected override AnnotationUse Convert(CocoAnnotation a, CocoImage image, ResizedImage size, out Box box)
    {
        box = default;
        if (a.Ignore)
        {
            return AnnotationUse.Dropped;
        }

        double overlapW = Math.Max(0, Math.Min(a.X + a.Width, image.Width) - Math.Max(a.X, 0));
        double overlapH = Math.Max(0, Math.Min(a.Y + a.Height, image.Height) - Math.Max(a.Y, 0));
        if (overlapW * overlapH == 0 || a.Area <= 0 || a.Width < 1 || a.Height < 1)
        {
            return AnnotationUse.Dropped;
        }

        float sx = (float)size.ScaleX;
        float sy = (float)size.ScaleY;
        float x1 = Math.Clamp((float)a.X * sx, 0f, size.Width);
        float y1 = Math.Clamp((float)a.Y * sy, 0f, size.Height);
        float x2 = Math.Clamp((float)(a.X + a.Width) * sx, 0f, size.Width);
        float y2 = Math.Clamp((float)(a.Y + a.Height) * sy, 0f, size.Height);
        box = new Box(x1, y1, x2, y2);
        return a.IsCrowd ? AnnotationUse.IgnoreRegion : AnnotationUse.Target;
    }
}
