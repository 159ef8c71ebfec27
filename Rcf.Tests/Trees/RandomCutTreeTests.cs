using TurbineConsole.Rcf.Stores;
using TurbineConsole.Rcf.Trees;
using TurbineConsole.Rcf.Visitors;

namespace TurbineConsole.Rcf.Tests.Trees;

public sealed class RandomCutTreeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void With_every_coordinate_free_the_leaf_walk_finds_the_point_the_imputation_visitor_finds(int seed)
    {
        var store = new PointStore(stride: 1, initialCapacity: 64, maxCapacity: 1_000);
        var tree = new RandomCutTree(store, capacity: 256, randomSeed: seed);
        var path = new int[257];
        var random = new Random(seed);
        var speeds = new List<float>();
        for (var i = 0; i < 250; i++)
        {
            // Every fifth reading repeats an earlier one, so some leaves hold several copies (mass changes the answer);
            // the deepest leaves come in pairs of equal score, so the choice between equals is checked too.
            var speed = i % 5 == 4 ? speeds[random.Next(speeds.Count)] : (float)(20 + 10 * random.NextDouble());
            speeds.Add(speed);
            var index = store.Add([speed]);
            var kept = tree.Insert(index, path);
            store.IncRef(kept);
            store.ReleaseIfUnused(index);
        }

        foreach (var speed in new[] { 5f, 24.3f, 95f })
        {
            float[] query = [speed];
            var visitor = new ImputationVisitor(tree.Nodes, query, 0, 1, tree.Mass, new float[1]);

            var walked = tree.LeastAnomalousLeafPoint();
            var visited = tree.Traverse(query, path, ref visitor);

            Assert.True(visited);
            Assert.True(walked >= 0);
            Assert.Equal(visitor.Point, walked);
        }
    }

    [Fact]
    public void An_empty_tree_is_not_traversed_and_scores_0()
    {
        var store = new PointStore(stride: 2, initialCapacity: 4, maxCapacity: 10);
        var tree = new RandomCutTree(store, capacity: 8, randomSeed: 1);
        float[] query = [1, 2];
        var visitor = new ScoreVisitor(tree.Nodes, query, tree.Mass);

        var visited = tree.Traverse(query, new int[9], ref visitor);

        Assert.False(visited);
        Assert.Equal(0, visitor.Score);
        Assert.Equal(-1, tree.LeastAnomalousLeafPoint());
    }

    [Fact]
    public void Deleting_every_point_empties_the_tree_and_frees_its_nodes_for_reuse()
    {
        var store = new PointStore(stride: 2, initialCapacity: 16, maxCapacity: 100);
        var tree = new RandomCutTree(store, capacity: 16, randomSeed: 5);
        var path = new int[17];
        var indexes = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 16; i++)
            {
                var index = store.Add([i, round * 100 + i * i]);
                indexes.Add(tree.Insert(index, path));
            }

            Assert.Equal(16, tree.Mass);
            foreach (var index in indexes)
            {
                tree.Delete(index, path);
            }

            Assert.Equal(0, tree.Mass);
            Assert.Equal(NodeStore.None, tree.Root);
            indexes.Clear();
        }
    }
}
