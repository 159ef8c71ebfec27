using TurbineConsole.Rcf.Stores;

namespace TurbineConsole.Rcf.Tests.Stores;

public sealed class LeafMassMapTests
{
    /// <summary>
    /// Thousands of random adds and removals of copies over a few hundred points (so that probe runs collide, wrap
    /// around the table and are closed up again on removal) leave the map agreeing with a plain dictionary.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Copies_follow_every_increment_and_decrement_like_a_dictionary(int seed)
    {
        var random = new Random(seed);
        var map = new LeafMassMap();
        var model = new Dictionary<int, int>();
        for (var step = 0; step < 20_000; step++)
        {
            var point = random.Next(300) * 37;
            var mass = model.GetValueOrDefault(point);
            if (mass == 0 || random.Next(2) == 0)
            {
                // A leaf of one copy is not in the map: its first copy comes with the leaf, its second is an increment.
                if (mass > 0)
                {
                    map.Increment(point);
                }

                model[point] = mass + 1;
            }
            else
            {
                Assert.Equal(mass - 1, map.Decrement(point));
                if (mass == 1)
                {
                    model.Remove(point);
                }
                else
                {
                    model[point] = mass - 1;
                }
            }

            if (step % 1_000 == 999)
            {
                Assert.All(model, entry => Assert.Equal(entry.Value, map.Get(entry.Key)));
                Assert.Equal(model.Count(entry => entry.Value > 1), map.Count);
            }
        }
    }

    [Fact]
    public void A_leaf_read_back_with_several_copies_keeps_them_and_one_copy_stores_nothing()
    {
        var map = new LeafMassMap();

        map.Load(12, 5);
        map.Load(40, 1);

        Assert.Equal((5, 1, 1), (map.Get(12), map.Get(40), map.Count));
        Assert.Equal(4, map.Decrement(12));
    }
}
