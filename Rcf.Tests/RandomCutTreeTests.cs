using TurbineConsole.Rcf;

namespace TurbineConsole.Rcf.Tests;

public sealed class RandomCutTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void With_every_coordinate_free_the_leaf_walk_finds_the_point_the_full_imputation_finds(int seed)
    {
        var store = new PointStore(stride: 1, initialCapacity: 64, maxCapacity: 1_000);
        var tree = new RandomCutTree(store, capacity: 256, randomSeed: seed);
        var path = new int[257];
        var random = new Random(seed);
        var speeds = new List<float>();
        for (int i = 0; i < 250; i++)
        {
            // Every fifth reading repeats an earlier one, so some leaves hold several copies (mass changes the answer);
            // the deepest leaves come in pairs of equal score, so the choice between equals is checked too.
            float speed = i % 5 == 4 ? speeds[random.Next(speeds.Count)] : (float)(20 + 10 * random.NextDouble());
            speeds.Add(speed);
            int index = store.Add([speed]);
            int kept = tree.Insert(index, path);
            store.IncRef(kept);
            store.ReleaseIfUnused(index);
        }

        foreach (float speed in new[] { 5f, 24.3f, 95f })
        {
            int walked = tree.FindImputationPoint([speed], 0, 1);
            int imputed = tree.FindImputationPoint([speed], 0, 1, walkLeaves: false);
            Assert.True(walked >= 0);
            Assert.Equal(imputed, walked);
        }
    }
}
