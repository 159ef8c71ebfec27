namespace TurbineConsole.Benchmarks.Rcf;

/// <summary>A seeded synthetic wind-speed series (15-35 mph with daily drift and noise) for benchmarks.</summary>
public static class SyntheticWindSeries
{
    /// <summary>Readings per day at one reading every 10 minutes.</summary>
    private const int ReadingsPerDay = 144;

    /// <summary>Generates <paramref name="count"/> wind speeds in mph, the same for the same seed.</summary>
    public static double[] Generate(int count, int seed = 20240601)
    {
        var random = new Random(seed);
        var speeds = new double[count];
        double gust = 0;
        for (var i = 0; i < count; i++)
        {
            var daily = 5 * Math.Sin(2 * Math.PI * i / ReadingsPerDay);
            var weekly = 3 * Math.Sin(2 * Math.PI * i / (7.0 * ReadingsPerDay));
            gust = 0.8 * gust + random.NextDouble() - 0.5;
            var noise = (random.NextDouble() - 0.5) * 2;
            var speed = Math.Clamp(25 + daily + weekly + 2 * gust + noise, 15, 35);
            speeds[i] = Math.Round(speed, 3);
        }

        return speeds;
    }
}
