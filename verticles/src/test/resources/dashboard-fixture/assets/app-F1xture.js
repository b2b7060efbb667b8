console.log("dashboard fixture");
