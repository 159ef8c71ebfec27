using TurbineConsole.Pipeline.Detection.RandomCutForest;
using TurbineConsole.Pipeline.Simulation;
namespace TurbineConsole.Tests;
public class ReproTests
{
    [Fact]
    public void Roundtrip()
    {
        var values = new WindDatasetGenerator(WindDataset.Anomaly, new DatasetOptions { Locations = 1 }).Take(3000).Select(r => r.Reading.SpeedMph).ToList();
        var forest = new ThresholdedRandomCutForest(new RandomCutForestOptions { Seed = 5 });
        for (var i = 0; i < values.Count; i++)
        {
            forest.Process([values[i]]);
            if (i % 7 == 0)
            {
                try { forest = ThresholdedRandomCutForest.FromBytes(forest.ToBytes()); }
                catch (Exception e) { Assert.Fail($"at {i}: {e.Message}"); }
            }
        }
    }
}
