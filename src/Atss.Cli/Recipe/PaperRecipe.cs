using Atss.Cli.Coco;

namespace Atss.Cli.Recipe;

/// <summary>
/// The paper code's pipeline (<c>sfzhang15/ATSS</c>, maskrcnn-benchmark): crowd boxes are dropped; boxes become
/// <c>[x, y, x + max(w - 1, 0), y + max(h - 1, 0)]</c> in float32 (the "+1" pixel convention), are clipped to
/// <c>[0, W - 1] x [0, H - 1]</c> of the original image, dropped when empty, then scaled per axis in float32.
/// </summary>
internal sealed class PaperRecipe(ResizeScale scale) : TrainingRecipe(Convention.Paper, scale)
{
    public override string PipelineDescription
        => $"paper code (maskrcnn-benchmark): {ResizeDescription("its rounding")}; boxes [x, y, x+w-1, y+h-1] clipped then scaled; crowd dropped";

    public override ResizedImage Resize(int width, int height) => TrainingResize.MaskRcnnBenchmark(width, height, Scale);

    private protected override AnnotationUse Convert(in CocoAnnotation a, in CocoImage image, ResizedImage size, out Box box)
    {
        box = default;
        if (a.IsCrowd)
        {
            return AnnotationUse.Dropped;
        }

        float x1 = Math.Clamp(a.X, 0f, image.Width - 1);
        float y1 = Math.Clamp(a.Y, 0f, image.Height - 1);
        float x2 = Math.Clamp(a.X + MathF.Max(a.Width - 1f, 0f), 0f, image.Width - 1);
        float y2 = Math.Clamp(a.Y + MathF.Max(a.Height - 1f, 0f), 0f, image.Height - 1);
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
