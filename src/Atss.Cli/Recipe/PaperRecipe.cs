using Atss.Cli.Coco;

namespace Atss.Cli.Recipe;

/// <summary>
/// The paper's code (<c>sfzhang15/ATSS</c>, maskrcnn-benchmark data pipeline): <see cref="AtssOptions.OriginalPaper"/>
/// on <see cref="LegacyAnchorGenerator.Atss"/> priors. Crowd boxes are dropped; boxes become
/// <c>[x, y, x + max(w - 1, 0), y + max(h - 1, 0)]</c> in float32 (the "+1" pixel convention), are clipped to
/// <c>[0, W - 1] x [0, H - 1]</c> of the original image, dropped when empty, then scaled per axis in float32.
/// </summary>
internal sealed class PaperRecipe(int topK)
    : TrainingRecipe(Convention.Paper, AtssOptions.OriginalPaper with { TopK = topK }, LegacyAnchorGenerator.Atss)
{
    public override string AssignerDescription
        => $"AtssOptions.OriginalPaper (k = {Options.TopK} x anchors per location, legacy +1 IoU), LegacyAnchorGenerator.Atss priors (strides 8..128, 1 anchor per location)";

    public override string PipelineDescription
        => "paper code (maskrcnn-benchmark): shorter side 800, longer <= 1333 (its rounding), pad to 32; boxes [x, y, x+w-1, y+h-1] clipped then scaled; crowd dropped";

    public override ResizedImage Resize(int width, int height) => TrainingResize.MaskRcnnBenchmark(width, height);

    private protected override AnnotationUse Convert(CocoAnnotation a, CocoImage image, ResizedImage size, out Box box)
    {
        box = default;
        if (a.IsCrowd)
        {
            return AnnotationUse.Dropped;
        }

        float x = (float)a.X;
        float y = (float)a.Y;
        float x1 = Math.Clamp(x, 0f, image.Width - 1);
        float y1 = Math.Clamp(y, 0f, image.Height - 1);
        float x2 = Math.Clamp(x + MathF.Max((float)a.Width - 1f, 0f), 0f, image.Width - 1);
        float y2 = Math.Clamp(y + MathF.Max((float)a.Height - 1f, 0f), 0f, image.Height - 1);
        if (!(x2 > x1 && y2 > y1))
        {
            return AnnotationUse.Dropped;
        }

        float sx = (float)size.ScaleX;
        float sy = (float)size.ScaleY;
        box = new Box(x1 * sx, y1 * sy, x2 * sx, y2 * sy);
        return AnnotationUse.Target;
    }
}
