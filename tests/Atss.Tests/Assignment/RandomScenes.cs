namespace Atss.Tests.Assignment;

/// <summary>Seeded random scenes that provoke the rules' edge cases: integer and half-pixel coordinates (exact IoU and distance ties), duplicates, zero-area and out-of-image boxes.</summary>
public static class RandomScenes
{
    public static Box[] Boxes(Random rng, int count, int width, int height)
    {
        var boxes = new Box[count];
        for (int i = 0; i < count; i++)
        {
            if (i > 0 && rng.NextDouble() < 0.1)
            {
                boxes[i] = boxes[rng.Next(i)];
                continue;
            }

            float x1 = Coordinate(rng, -16, width);
            float y1 = Coordinate(rng, -16, height);
            float w = rng.NextDouble() < 0.05 ? 0f : Coordinate(rng, 1, width / 2);
            float h = rng.NextDouble() < 0.05 ? 0f : Coordinate(rng, 1, height / 2);
            boxes[i] = new Box(x1, y1, x1 + w, y1 + h);
        }

        return boxes;
    }

    public static int[] Labels(Random rng, int count) => [.. Enumerable.Range(0, count).Select(_ => rng.Next(80))];

    // Mostly integers or halves (ties), sometimes arbitrary floats.
    private static float Coordinate(Random rng, int min, int max)
    {
        double v = min + (rng.NextDouble() * (max - min));
        return rng.Next(3) switch
        {
            0 => MathF.Round((float)v),
            1 => MathF.Round((float)v * 2f) / 2f,
            _ => (float)v,
        };
    }
}
