namespace Atss.Benchmarks.Scenes;

/// <summary>Seeded random scenes with COCO-like boxes, so every run and every variant sees the same input.</summary>
internal static class SceneGenerator
{
    /// <summary>Smallest box side drawn (pixels).</summary>
    public const double MinSize = 8;

    /// <summary>
    /// <paramref name="count"/> boxes inside a <paramref name="height"/> x <paramref name="width"/> image: size
    /// <c>sqrt(w h)</c> log-uniform in [8, min(H, W)], aspect <c>w / h</c> log-uniform in [1/4, 4] (each side then
    /// clamped to the image), position uniform so the box lies inside; labels uniform in 0..79.
    /// </summary>
    public static (Box[] Boxes, int[] Labels) CocoLikeBoxes(int count, int height, int width, int seed)
    {
        var random = new Random(seed);
        var boxes = new Box[count];
        var labels = new int[count];
        double logMin = Math.Log(MinSize);
        double logMax = Math.Log(Math.Max(MinSize, Math.Min(height, width)));
        double logAspect = Math.Log(4);
        for (int i = 0; i < count; i++)
        {
            double size = Math.Exp(logMin + (random.NextDouble() * (logMax - logMin)));
            double aspect = Math.Exp((random.NextDouble() * 2 - 1) * logAspect);
            double w = Math.Min(size * Math.Sqrt(aspect), width);
            double h = Math.Min(size / Math.Sqrt(aspect), height);
            double x = random.NextDouble() * (width - w);
            double y = random.NextDouble() * (height - h);
            boxes[i] = new Box((float)x, (float)y, (float)(x + w), (float)(y + h));
            labels[i] = random.Next(80);
        }

        return (boxes, labels);
    }
}
