namespace Atss.Tests.Assignment;

/// <summary>Seeded random scenes with the awkward cases real data has: duplicates, integer and grid-aligned
/// coordinates, zero-area and tiny boxes, boxes partly or fully outside the image.</summary>
public static class Scenes
{
    public static (Box[] Boxes, int[] Labels) Random(Random rng, int height, int width, int count)
    {
        var boxes = new Box[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = rng.Next(80);
            int kind = rng.Next(10);
            if (kind == 0 && i > 0)
            {
                boxes[i] = boxes[rng.Next(i)];
                continue;
            }

            float size = MathF.Exp((float)(rng.NextDouble() * Math.Log(Math.Max(width, height))));
            float aspect = MathF.Exp((float)((rng.NextDouble() * 2.8) - 1.4));
            float bw = size * aspect;
            float bh = size / aspect;
            float cx = (float)(rng.NextDouble() * width);
            float cy = (float)(rng.NextDouble() * height);
            switch (kind)
            {
                case 1:
                    // Integer, grid-aligned: centres between grid points, exact distance ties.
                    cx = MathF.Round(cx / 8) * 8;
                    cy = MathF.Round(cy / 8) * 8;
                    bw = MathF.Round(bw);
                    bh = MathF.Round(bh);
                    break;
                case 2:
                    bw = 0;
                    break;
                case 3:
                    cx += width * 0.8f;
                    break;
                case 4:
                    bw = (float)rng.NextDouble();
                    bh = (float)rng.NextDouble();
                    break;
                default:
                    break;
            }

            boxes[i] = new Box(cx - (bw / 2), cy - (bh / 2), cx + (bw / 2), cy + (bh / 2));
        }

        return (boxes, labels);
    }
}
