package io.tastemaker.core.sample;

import java.util.List;

/**
 * The words and numbers one shop category is generated from.
 *
 * @param name the CATEGORY value
 * @param minPrice lowest price, in dollars
 * @param maxPrice highest price, in dollars
 * @param adjectives first words of item titles
 * @param products product kinds in complement order: after the i-th comes the (i+1)-th, cyclically
 * @param ageAffinity how strongly each age group of {@link AgeGroups} prefers the category
 */
record CategorySpec(
    String name,
    int minPrice,
    int maxPrice,
    List<String> adjectives,
    List<String> products,
    List<Double> ageAffinity) {

  CategorySpec {
    adjectives = List.copyOf(adjectives);
    products = List.copyOf(products);
    ageAffinity = List.copyOf(ageAffinity);
    assert 0 < minPrice && minPrice < maxPrice : name + ": bad price range";
    assert products.size() >= 2 : name + ": a complement cycle needs two products";
    assert ageAffinity.size() == AgeGroups.COUNT : name + ": one affinity per age group";
  }

  // The complement order is what gives sessions their sequential structure: a tent is followed by
  // a sleeping bag, a sleeping bag by a sleeping pad, and so on.
  static final List<CategorySpec> ALL =
      List.of(
          new CategorySpec(
              "shoes", 25, 180,
              List.of("Trail", "Urban", "Swift", "Cloud", "Stride", "Metro"),
              List.of("Trail Runner", "Running Socks", "Gel Insoles", "Hiking Boot", "Boot Laces",
                  "Waterproofing Spray"),
              List.of(3.0, 3.0, 2.0, 1.5, 1.0, 0.5)),
          new CategorySpec(
              "outdoor", 15, 450,
              List.of("Ridge", "Alpine", "Canyon", "Basecamp", "Timber", "Glacier"),
              List.of("Tent", "Sleeping Bag", "Sleeping Pad", "Camp Stove", "Fuel Canister",
                  "Headlamp", "Water Filter"),
              List.of(2.0, 3.0, 3.0, 2.0, 1.0, 0.5)),
          new CategorySpec(
              "kitchen", 8, 320,
              List.of("Copper", "Rustic", "Nordic", "Stone", "Maple", "Cast Iron"),
              List.of("Chef's Knife", "Cutting Board", "Knife Sharpener", "12\" Skillet", "Spatula",
                  "Mixing Bowls, Set of 3", "Measuring Cups"),
              List.of(0.5, 1.5, 3.0, 3.0, 3.0, 2.0)),
          new CategorySpec(
              "electronics", 15, 900,
              List.of("Nova", "Pixel", "Volt", "Quantum", "Echo", "Zenith"),
              List.of("Laptop", "Laptop Sleeve", "Wireless Mouse", "USB-C Hub", "Monitor",
                  "HDMI Cable", "Webcam"),
              List.of(3.0, 3.0, 2.0, 1.5, 1.0, 0.5)),
          new CategorySpec(
              "books", 6, 45,
              List.of("Silent", "Crimson", "Hidden", "Northern", "Golden", "Midnight"),
              List.of("Mystery Novel", "Mystery Sequel", "Crime Anthology", "Travel Guide",
                  "Phrasebook", "Road Atlas"),
              List.of(1.0, 1.0, 1.5, 2.0, 3.0, 3.0)),
          new CategorySpec(
              "toys", 5, 120,
              List.of("Happy", "Rocket", "Jungle", "Galaxy", "Pocket", "Bright"),
              List.of("Building Set", "Building Set Expansion", "Action Figure", "Play Mat",
                  "Jigsaw Puzzle", "Board Game"),
              List.of(0.3, 2.0, 3.0, 1.0, 0.5, 0.5)),
          new CategorySpec(
              "beauty", 4, 90,
              List.of("Glow", "Pure", "Velvet", "Bloom", "Dew", "Luxe"),
              List.of("Cleanser", "Toner", "Serum", "Moisturizer", "Sunscreen", "Lip Balm"),
              List.of(3.0, 3.0, 2.0, 1.0, 0.5, 0.5)),
          new CategorySpec(
              "garden", 5, 350,
              List.of("Meadow", "Fern", "Willow", "Orchard", "Sunny", "Clover"),
              List.of("Seed Mix", "Planter", "Potting Soil", "Watering Can", "Pruning Shears",
                  "Garden Gloves", "Garden Hose"),
              List.of(0.2, 0.5, 1.0, 2.5, 3.0, 3.0)),
          new CategorySpec(
              "sports", 10, 400,
              List.of("Pro", "Flex", "Core", "Peak", "Sprint", "Titan"),
              List.of("Yoga Mat", "Yoga Block", "Resistance Bands", "Dumbbells", "Water Bottle",
                  "Gym Bag", "Foam Roller"),
              List.of(3.0, 3.0, 2.0, 1.0, 0.5, 0.3)),
          new CategorySpec(
              "home", 10, 600,
              List.of("Cozy", "Linen", "Harbor", "Oak", "Aurora", "Haven"),
              List.of("Duvet", "Pillow", "Bed Sheets", "Throw Blanket", "Table Lamp", "Area Rug",
                  "Curtains"),
              List.of(0.5, 2.0, 3.0, 3.0, 2.0, 1.5)),
          new CategorySpec(
              "pets", 5, 150,
              List.of("Happy Tail", "Paws", "Buddy", "Whisker", "Fetch", "Snuggle"),
              List.of("Dog Bed", "Chew Toy", "Dog Food", "Food Bowl", "Leash", "Collar",
                  "Grooming Brush"),
              List.of(1.0, 2.0, 2.0, 2.0, 1.5, 1.0)),
          new CategorySpec(
              "music", 8, 1200,
              List.of("Vintage", "Studio", "Blues", "Harmony", "Tempo", "Riff"),
              List.of("Acoustic Guitar", "Guitar Strings", "Capo", "Guitar Tuner", "Guitar Strap",
                  "Amplifier", "Instrument Cable"),
              List.of(3.0, 2.0, 1.5, 1.0, 0.5, 0.5)),
          new CategorySpec(
              "office", 3, 500,
              List.of("Executive", "Focus", "Ledger", "Atlas", "Desk Pro", "Scribe"),
              List.of("Standing Desk", "Office Chair", "Desk Lamp", "Notebook", "Fountain Pen",
                  "Ink Cartridges", "Stapler"),
              List.of(1.0, 2.0, 2.0, 2.0, 1.5, 1.0)),
          new CategorySpec(
              "gaming", 10, 600,
              List.of("Hyper", "Neon", "Raid", "Arcade", "Phantom", "Boss"),
              List.of("Console", "Controller", "Charging Dock", "Gaming Headset", "Adventure Game",
                  "Gaming Chair", "Capture Card"),
              List.of(4.0, 3.0, 1.5, 0.7, 0.3, 0.2)),
          new CategorySpec(
              "baby", 5, 400,
              List.of("Little", "Cuddle", "Tiny", "Sweet Pea", "Lullaby", "Cloud Nine"),
              List.of("Stroller", "Stroller Organizer", "Diaper Bag", "Baby Carrier",
                  "Bottles, Set of 4", "Bottle Warmer", "Baby Monitor"),
              List.of(0.5, 3.0, 2.0, 0.5, 0.3, 0.2)),
          new CategorySpec(
              "automotive", 5, 300,
              List.of("Road", "Turbo", "Highway", "Torque", "Piston", "Cruise"),
              List.of("Car Wax", "Microfiber Towels", "Tire Inflator", "Jump Starter", "Dash Cam",
                  "Phone Mount", "Seat Covers"),
              List.of(1.0, 2.0, 2.0, 2.0, 2.0, 2.0)));
}
