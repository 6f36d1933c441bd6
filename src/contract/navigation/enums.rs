//! The navigation service's enumerations as they travel on the wire.

wire_enum!(
    /// What a driver does at a maneuver, modelled on Android Automotive's `Maneuver` types
    /// (`TYPE_TURN_NORMAL_LEFT` is "turn-left", `TYPE_ROUNDABOUT_ENTER_AND_EXIT_*` is
    /// "roundabout" with an exit number, `TYPE_DESTINATION` is "destination").
    pub enum ManeuverKind("maneuver") {
        Depart = "depart",
        Straight = "straight",
        SlightLeft = "turn-slight-left",
        SlightRight = "turn-slight-right",
        Left = "turn-left",
        Right = "turn-right",
        SharpLeft = "turn-sharp-left",
        SharpRight = "turn-sharp-right",
        UTurn = "u-turn",
        KeepLeft = "keep-left",
        KeepRight = "keep-right",
        Roundabout = "roundabout",
        OnRampLeft = "on-ramp-left",
        OnRampRight = "on-ramp-right",
        OffRampLeft = "off-ramp-left",
        OffRampRight = "off-ramp-right",
        Merge = "merge",
        Destination = "destination",
    }
);

wire_enum!(
    /// What a search result is: a street, or a place by its OpenStreetMap category.
    pub enum Category("category") {
        Street = "street",
        Charging = "charging",
        Parking = "parking",
        Fuel = "fuel",
        Cafe = "cafe",
        Restaurant = "restaurant",
        FastFood = "fast-food",
        Hotel = "hotel",
        Shop = "shop",
        Pharmacy = "pharmacy",
        Hospital = "hospital",
        Toilets = "toilets",
        Sight = "sight",
        Neighbourhood = "neighbourhood",
        Other = "other",
    }
);
