import type { ViolationItemData } from '../domain/item';

/**
 * The demo violation catalogue (演示): ~30 common 城管 violations. Every citation is quoted verbatim from the statute
 * texts in ../shared/domain/laws (law title, version date of that text, article, paragraph/item; parts of one article that are not adjacent joined by ……); a unit test
 * checks each quote against those files when they are present. The bands (裁量档次) are DEMO bands, not any
 * bureau's adopted 裁量基准: they split the statutory range evenly, and where the regulation states no amount
 * (城市市容和环境卫生管理条例, whose 第四十三条 leaves implementing rules to the province) the bands are invented
 * amounts to be replaced by the bureau's own standard. Generated once from the law files; edit by hand since.
 */
export const DEMO_VIOLATION_LABEL = '演示-2024';
export const DEMO_VIOLATION_EFFECTIVE_FROM = '2024-01-01';

export const DEMO_VIOLATION_ITEMS: ViolationItemData[] = [
  {
    code: "CS-01",
    name: "随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物",
    partyTypes: [
      "individual"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十二条",
      quote: "公民应当爱护公共卫生环境，不随地吐痰、便溺，不乱扔果皮、纸屑和烟头等废弃物。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第一项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(一)随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "CS-02",
    name: "在城市建筑物、设施以及树木上涂写、刻画（乱涂写）",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十七条第一款",
      quote: "一切单位和个人，都不得在城市建筑物、设施以及树木上涂写、刻画。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第二项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(二)在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "CS-03",
    name: "未经批准张挂、张贴宣传品（乱张贴）",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十七条第二款",
      quote: "单位和个人在城市建筑物、设施上张挂、张贴宣传品等，须经城市人民政府市容环境卫生行政主管部门或者其他有关部门批准。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第二项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(二)在城市建筑物、设施以及树木上涂写、刻画或者未经批准张挂、张贴宣传品等的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "CS-04",
    name: "在临街建筑物的阳台和窗外堆放、吊挂有碍市容的物品",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十条",
      quote: "一切单位和个人都应当保持建筑物的整洁、美观。在城市人民政府规定的街道的临街建筑物的阳台和窗外，不得堆放、吊挂有碍市容的物品。搭建或者封闭阳台必须符合城市人民政府市容环境卫生行政主管部门的有关规定。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第三项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(三)在城市人民政府规定的街道的临街建筑物的阳台和窗外，堆放、吊挂有碍市容的物品的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "CS-05",
    name: "不按规定的时间、地点、方式倾倒垃圾、粪便（乱倒垃圾）",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第二十八条第二款",
      quote: "一切单位和个人，都应当依照城市人民政府市容环境卫生行政主管部门规定的时间、地点、方式，倾倒垃圾、粪便。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第四项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(四)不按规定的时间、地点、方式，倾倒垃圾、粪便的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "CS-06",
    name: "不履行卫生责任区清扫保洁义务",
    partyTypes: [
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第二十五条",
      quote: "机关、团体、部队、企事业单位，应当按照城市人民政府市容环境卫生行政主管部门划分的卫生责任区负责清扫保洁。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第五项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(五)不履行卫生责任区清扫保洁义务或者不按规定清运、处理垃圾和粪便的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 50000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 50000,
        fineMax: 200000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 200000,
        fineMax: 500000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 500000,
        fineMax: 1000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "CS-07",
    name: "运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十五条",
      quote: "在市区运行的交通运输工具，应当保持外型完好、整洁，货运车辆运输的液体、散装货物，应当密封、包扎、覆盖，避免泄漏、遗撒。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第六项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(六)运输液体、散装货物不作密封、包扎、覆盖，造成泄漏、遗撒的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 50000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 50000,
        fineMax: 200000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 200000,
        fineMax: 500000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 500000,
        fineMax: 1000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "CS-08",
    name: "临街工地不设置护栏或者不作遮挡，停工场地、竣工场地不及时整理",
    partyTypes: [
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十六条",
      quote: "城市的工程施工现场的材料、机具应当堆放整齐，渣土应当及时清运；临街工地应当设置护栏或者围布遮挡；停工场地应当及时整理并作必要的覆盖；竣工后，应当及时清理和平整场地。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十四条第七项",
      quote: "有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：……(七)临街工地不设置护栏或者不作遮挡、停工场地不及时整理并作必要覆盖或者竣工后不及时清理和平整场地，影响市容和环境卫生的。"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令纠正违法行为、采取补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 50000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 50000,
        fineMax: 200000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 200000,
        fineMax: 500000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 500000,
        fineMax: 1000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "CS-09",
    name: "擅自设置大型户外广告，影响市容",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十一条第二款",
      quote: "大型户外广告的设置必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十六条第一项",
      quote: "有下列行为之一者，由城市人民政府市容环境卫生行政主管部门或者其委托的单位责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款：……(一)未经城市人民政府市容环境卫生行政主管部门同意，擅自设置大型户外广告，影响市容的；"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令停止违法行为，限期清理、拆除或者采取其他补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 50000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 50000,
        fineMax: 200000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 200000,
        fineMax: 500000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 500000,
        fineMax: 1000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "CS-10",
    name: "占道经营：擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十四条",
      quote: "任何单位和个人都不得在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施。因建设等特殊需要，在街道两侧和公共场地临时堆放物料，搭建非永久性建筑物、构筑物或者其他设施的，必须征得城市人民政府市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十六条第二项",
      quote: "有下列行为之一者，由城市人民政府市容环境卫生行政主管部门或者其委托的单位责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款：……(二)未经城市人民政府市容环境卫生行政主管部门批准，擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施，影响市容的；"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令停止违法行为，限期清理、拆除或者采取其他补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "CS-11",
    name: "擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第二十二条",
      quote: "一切单位和个人都不得擅自拆除环境卫生设施；因建设需要必须拆除的，建设单位必须事先提出拆迁方案，报城市人民政府市容环境卫生行政主管部门批准。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十六条第三项",
      quote: "有下列行为之一者，由城市人民政府市容环境卫生行政主管部门或者其委托的单位责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款：……(三)未经批准擅自拆除环境卫生设施或者未按批准的拆迁方案进行拆迁的。"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令停止违法行为，限期清理、拆除或者采取其他补救措施"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 50000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 50000,
        fineMax: 200000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 200000,
        fineMax: 500000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 500000,
        fineMax: 1000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "CS-12",
    name: "损坏各类环境卫生设施及其附属设施",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第十二条",
      quote: "城市中的市政公用设施，应当与周围环境相协调，并维护和保持设施完好、整洁。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十八条",
      quote: "损坏各类环境卫生设施及其附属设施的，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其恢复原状外，可以并处罚款；盗窃、损坏各类环境卫生设施及其附属设施，应当给予治安管理处罚的，依照《中华人民共和国治安管理处罚法》的规定处罚；构成犯罪的，依法追究刑事责任。"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令恢复原状"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "CS-13",
    name: "在市区饲养家畜家禽影响市容和环境卫生",
    partyTypes: [
      "individual"
    ],
    violated: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十三条",
      quote: "按国家行政建制设立的市的市区内，禁止饲养鸡、鸭、鹅、兔、羊、猪等家畜家禽；因教学、科研以及其他特殊需要饲养的除外。"
    },
    penaltyBasis: {
      law: "城市市容和环境卫生管理条例",
      version: "2017-03-01",
      article: "第三十五条",
      quote: "饲养家畜家禽影响市容和环境卫生的，由城市人民政府市容环境卫生行政主管部门或者其委托的单位，责令其限期处理或者予以没收，并可处以罚款。"
    },
    statutory: {
      kinds: [
        "confiscation",
        "fine"
      ],
      fineBasis: "unstated",
      fineMin: null,
      fineMax: null,
      multipleOf: null,
      orders: "责令限期处理"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 5000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 5000,
        fineMax: 10000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 10000,
        fineMax: 20000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 20000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "DQ-01",
    name: "餐饮服务业经营者超过排放标准排放油烟",
    partyTypes: [
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第八十一条第一款",
      quote: "排放油烟的餐饮服务业经营者应当安装油烟净化设施并保持正常使用，或者采取其他油烟净化措施，使油烟达标排放，并防止对附近居民的正常生活环境造成污染。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十八条第一款",
      quote: "违反本法规定，排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟的，由县级以上地方人民政府确定的监督管理部门责令改正，处五千元以上五万元以下的罚款；拒不改正的，责令停业整治。"
    },
    statutory: {
      kinds: [
        "fine",
        "suspension"
      ],
      fineBasis: "amount",
      fineMin: 500000,
      fineMax: 5000000,
      multipleOf: null,
      orders: "责令改正；拒不改正的，责令停业整治"
    },
    bands: [
      {
        level: "minor",
        fineMin: 500000,
        fineMax: 950000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 950000,
        fineMax: 1850000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 1850000,
        fineMax: 3200000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 3200000,
        fineMax: 5000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "DQ-02",
    name: "在居民住宅楼等禁止区域新建、改建、扩建产生油烟的餐饮服务项目",
    partyTypes: [
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第八十一条第二款",
      quote: "禁止在居民住宅楼、未配套设立专用烟道的商住综合楼以及商住综合楼内与居住层相邻的商业楼层内新建、改建、扩建产生油烟、异味、废气的餐饮服务项目。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十八条第二款",
      quote: "违反本法规定，在居民住宅楼、未配套设立专用烟道的商住综合楼、商住综合楼内与居住层相邻的商业楼层内新建、改建、扩建产生油烟、异味、废气的餐饮服务项目的，由县级以上地方人民政府确定的监督管理部门责令改正；拒不改正的，予以关闭，并处一万元以上十万元以下的罚款。"
    },
    statutory: {
      kinds: [
        "closure",
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 1000000,
      fineMax: 10000000,
      multipleOf: null,
      orders: "责令改正；拒不改正的，予以关闭"
    },
    bands: [
      {
        level: "minor",
        fineMin: 1000000,
        fineMax: 1900000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 1900000,
        fineMax: 3700000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 3700000,
        fineMax: 6400000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 6400000,
        fineMax: 10000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "DQ-03",
    name: "在禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第八十一条第三款",
      quote: "任何单位和个人不得在当地人民政府禁止的区域内露天烧烤食品或者为露天烧烤食品提供场地。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十八条第三款",
      quote: "违反本法规定，在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地的，由县级以上地方人民政府确定的监督管理部门责令改正，没收烧烤工具和违法所得，并处五百元以上二万元以下的罚款。"
    },
    statutory: {
      kinds: [
        "confiscation",
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 50000,
      fineMax: 2000000,
      multipleOf: null,
      orders: "责令改正，没收烧烤工具和违法所得"
    },
    bands: [
      {
        level: "minor",
        fineMin: 50000,
        fineMax: 250000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 250000,
        fineMax: 630000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 630000,
        fineMax: 1220000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 1220000,
        fineMax: 2000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "DQ-04",
    name: "在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第七十七条",
      quote: "省、自治区、直辖市人民政府应当划定区域，禁止露天焚烧秸秆、落叶等产生烟尘污染的物质。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十九条第一款",
      quote: "违反本法规定，在人口集中地区对树木、花草喷洒剧毒、高毒农药，或者露天焚烧秸秆、落叶等产生烟尘污染的物质的，由县级以上地方人民政府确定的监督管理部门责令改正，并可以处五百元以上二千元以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 50000,
      fineMax: 200000,
      multipleOf: null,
      orders: "责令改正"
    },
    bands: [
      {
        level: "minor",
        fineMin: 50000,
        fineMax: 70000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 70000,
        fineMax: 90000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 90000,
        fineMax: 140000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 140000,
        fineMax: 200000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "DQ-05",
    name: "在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等（个人）",
    partyTypes: [
      "individual"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第八十二条第一款",
      quote: "禁止在人口集中地区和其他依法需要特殊保护的区域内焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十九条第二款",
      quote: "违反本法规定，在人口集中地区和其他依法需要特殊保护的区域内，焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质的，由县级人民政府确定的监督管理部门责令改正，对单位处一万元以上十万元以下的罚款，对个人处五百元以上二千元以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 50000,
      fineMax: 200000,
      multipleOf: null,
      orders: "责令改正"
    },
    bands: [
      {
        level: "minor",
        fineMin: 50000,
        fineMax: 70000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 70000,
        fineMax: 90000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 90000,
        fineMax: 140000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 140000,
        fineMax: 200000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "DQ-06",
    name: "在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾等（单位）",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第八十二条第一款",
      quote: "禁止在人口集中地区和其他依法需要特殊保护的区域内焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十九条第二款",
      quote: "违反本法规定，在人口集中地区和其他依法需要特殊保护的区域内，焚烧沥青、油毡、橡胶、塑料、皮革、垃圾以及其他产生有毒有害烟尘和恶臭气体的物质的，由县级人民政府确定的监督管理部门责令改正，对单位处一万元以上十万元以下的罚款，对个人处五百元以上二千元以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 1000000,
      fineMax: 10000000,
      multipleOf: null,
      orders: "责令改正"
    },
    bands: [
      {
        level: "minor",
        fineMin: 1000000,
        fineMax: 1900000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 1900000,
        fineMax: 3700000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 3700000,
        fineMax: 6400000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 6400000,
        fineMax: 10000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "DQ-07",
    name: "运输渣土、砂石、土方等散装物料的车辆未采取密闭措施防止遗撒",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第七十条第一款",
      quote: "运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆应当采取密闭或者其他措施防止物料遗撒造成扬尘污染，并按照规定路线行驶。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十六条",
      quote: "违反本法规定，运输煤炭、垃圾、渣土、砂石、土方、灰浆等散装、流体物料的车辆，未采取密闭或者其他措施防止物料遗撒的，由县级以上地方人民政府确定的监督管理部门责令改正，处二千元以上二万元以下的罚款；拒不改正的，车辆不得上道路行驶。"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 200000,
      fineMax: 2000000,
      multipleOf: null,
      orders: "责令改正；拒不改正的，车辆不得上道路行驶"
    },
    bands: [
      {
        level: "minor",
        fineMin: 200000,
        fineMax: 380000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 380000,
        fineMax: 740000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 740000,
        fineMax: 1280000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 1280000,
        fineMax: 2000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "DQ-08",
    name: "施工工地未设置硬质围挡或者未采取防尘降尘措施",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第六十九条第一款",
      quote: "建设单位应当将防治扬尘污染的费用列入工程造价，并在施工承包合同中明确施工单位扬尘污染防治责任。施工单位应当制定具体的施工扬尘污染防治实施方案。"
    },
    penaltyBasis: {
      law: "中华人民共和国大气污染防治法",
      version: "2018-10-26",
      article: "第一百一十五条第一款第一项",
      quote: "违反本法规定，施工单位有下列行为之一的，由县级以上人民政府住房城乡建设等主管部门按照职责责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治：……（一）施工工地未设置硬质围挡，或者未采取覆盖、分段作业、择时施工、洒水抑尘、冲洗地面和车辆等有效防尘降尘措施的；"
    },
    statutory: {
      kinds: [
        "fine",
        "suspension"
      ],
      fineBasis: "amount",
      fineMin: 1000000,
      fineMax: 10000000,
      multipleOf: null,
      orders: "责令改正；拒不改正的，责令停工整治"
    },
    bands: [
      {
        level: "minor",
        fineMin: 1000000,
        fineMax: 1900000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 1900000,
        fineMax: 3700000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 3700000,
        fineMax: 6400000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 6400000,
        fineMax: 10000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "ZS-01",
    name: "未取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第四十三条第一款",
      quote: "在噪声敏感建筑物集中区域，禁止夜间进行产生噪声的建筑施工作业，但抢修、抢险施工作业，因生产工艺要求或者其他特殊需要必须连续施工作业的除外。"
    },
    penaltyBasis: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第七十七条第二项",
      quote: "违反本法规定，建设单位、施工单位有下列行为之一，由工程所在地人民政府指定的部门责令改正，处一万元以上十万元以下的罚款；拒不改正的，可以责令暂停施工：……（二）未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的。"
    },
    statutory: {
      kinds: [
        "fine",
        "suspension"
      ],
      fineBasis: "amount",
      fineMin: 1000000,
      fineMax: 10000000,
      multipleOf: null,
      orders: "责令改正；拒不改正的，可以责令暂停施工"
    },
    bands: [
      {
        level: "minor",
        fineMin: 1000000,
        fineMax: 1900000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 1900000,
        fineMax: 3700000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 3700000,
        fineMax: 6400000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 6400000,
        fineMax: 10000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "ZS-02",
    name: "超过噪声排放标准排放建筑施工噪声",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第四十三条第一款",
      quote: "在噪声敏感建筑物集中区域，禁止夜间进行产生噪声的建筑施工作业，但抢修、抢险施工作业，因生产工艺要求或者其他特殊需要必须连续施工作业的除外。"
    },
    penaltyBasis: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第七十七条第一项",
      quote: "违反本法规定，建设单位、施工单位有下列行为之一，由工程所在地人民政府指定的部门责令改正，处一万元以上十万元以下的罚款；拒不改正的，可以责令暂停施工：……（一）超过噪声排放标准排放建筑施工噪声的；"
    },
    statutory: {
      kinds: [
        "fine",
        "suspension"
      ],
      fineBasis: "amount",
      fineMin: 1000000,
      fineMax: 10000000,
      multipleOf: null,
      orders: "责令改正；拒不改正的，可以责令暂停施工"
    },
    bands: [
      {
        level: "minor",
        fineMin: 1000000,
        fineMax: 1900000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 1900000,
        fineMax: 3700000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 3700000,
        fineMax: 6400000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 6400000,
        fineMax: 10000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "ZS-03",
    name: "文化娱乐、餐饮等经营场所超过噪声排放标准排放社会生活噪声",
    partyTypes: [
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第六十一条",
      quote: "文化娱乐、体育、餐饮等场所的经营管理者应当采取有效措施，防止、减轻噪声污染。"
    },
    penaltyBasis: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第八十一条第一项",
      quote: "违反本法规定，有下列行为之一，由地方人民政府指定的部门责令改正，处五千元以上五万元以下的罚款；拒不改正的，处五万元以上二十万元以下的罚款，并可以报经有批准权的人民政府批准，责令停业：……（一）超过噪声排放标准排放社会生活噪声的；"
    },
    statutory: {
      kinds: [
        "fine",
        "suspension"
      ],
      fineBasis: "amount",
      fineMin: 500000,
      fineMax: 20000000,
      multipleOf: null,
      orders: "责令改正"
    },
    bands: [
      {
        level: "minor",
        fineMin: 500000,
        fineMax: 950000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 950000,
        fineMax: 1850000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 1850000,
        fineMax: 3200000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 5000000,
        fineMax: 20000000,
        conditions: "拒不改正（第八十一条：处五万元以上二十万元以下的罚款）（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "ZS-04",
    name: "在商业经营活动中使用高音广播喇叭进行广告宣传",
    partyTypes: [
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第六十三条第一款",
      quote: "禁止在商业经营活动中使用高音广播喇叭或者采用其他持续反复发出高噪声的方法进行广告宣传。"
    },
    penaltyBasis: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第八十一条第二项",
      quote: "违反本法规定，有下列行为之一，由地方人民政府指定的部门责令改正，处五千元以上五万元以下的罚款；拒不改正的，处五万元以上二十万元以下的罚款，并可以报经有批准权的人民政府批准，责令停业：……（二）在商业经营活动中使用高音广播喇叭或者采用其他持续反复发出高噪声的方法进行广告宣传的；"
    },
    statutory: {
      kinds: [
        "fine",
        "suspension"
      ],
      fineBasis: "amount",
      fineMin: 500000,
      fineMax: 20000000,
      multipleOf: null,
      orders: "责令改正"
    },
    bands: [
      {
        level: "minor",
        fineMin: 500000,
        fineMax: 950000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 950000,
        fineMax: 1850000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 1850000,
        fineMax: 3200000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 5000000,
        fineMax: 20000000,
        conditions: "拒不改正（第八十一条：处五万元以上二十万元以下的罚款）（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "ZS-05",
    name: "在噪声敏感建筑物集中区域使用高音广播喇叭（个人）",
    partyTypes: [
      "individual"
    ],
    violated: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第六十四条第一款",
      quote: "禁止在噪声敏感建筑物集中区域使用高音广播喇叭，但紧急情况以及地方人民政府规定的特殊情形除外。"
    },
    penaltyBasis: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第八十二条第一项",
      quote: "违反本法规定，有下列行为之一，由地方人民政府指定的部门说服教育，责令改正；拒不改正的，给予警告，对个人可以处二百元以上一千元以下的罚款，对单位可以处二千元以上二万元以下的罚款：……（一）在噪声敏感建筑物集中区域使用高音广播喇叭的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 20000,
      fineMax: 100000,
      multipleOf: null,
      orders: "说服教育，责令改正；拒不改正的，给予警告，可以并处罚款"
    },
    bands: [
      {
        level: "minor",
        fineMin: 20000,
        fineMax: 30000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 30000,
        fineMax: 40000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 40000,
        fineMax: 70000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 70000,
        fineMax: 100000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "ZS-06",
    name: "在噪声敏感建筑物集中区域使用高音广播喇叭（单位）",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第六十四条第一款",
      quote: "禁止在噪声敏感建筑物集中区域使用高音广播喇叭，但紧急情况以及地方人民政府规定的特殊情形除外。"
    },
    penaltyBasis: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第八十二条第一项",
      quote: "违反本法规定，有下列行为之一，由地方人民政府指定的部门说服教育，责令改正；拒不改正的，给予警告，对个人可以处二百元以上一千元以下的罚款，对单位可以处二千元以上二万元以下的罚款：……（一）在噪声敏感建筑物集中区域使用高音广播喇叭的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 200000,
      fineMax: 2000000,
      multipleOf: null,
      orders: "说服教育，责令改正；拒不改正的，给予警告，可以并处罚款"
    },
    bands: [
      {
        level: "minor",
        fineMin: 200000,
        fineMax: 380000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 380000,
        fineMax: 740000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 740000,
        fineMax: 1280000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 1280000,
        fineMax: 2000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "ZS-07",
    name: "室内装修未在限定的作业时间内进行或者未采取有效措施造成噪声污染（个人）",
    partyTypes: [
      "individual"
    ],
    violated: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第六十六条",
      quote: "对已竣工交付使用的住宅楼、商铺、办公楼等建筑物进行室内装修活动，应当按照规定限定作业时间，采取有效措施，防止、减轻噪声污染。"
    },
    penaltyBasis: {
      law: "中华人民共和国噪声污染防治法",
      version: "2021-12-24",
      article: "第八十二条第三项",
      quote: "违反本法规定，有下列行为之一，由地方人民政府指定的部门说服教育，责令改正；拒不改正的，给予警告，对个人可以处二百元以上一千元以下的罚款，对单位可以处二千元以上二万元以下的罚款：……（三）对已竣工交付使用的建筑物进行室内装修活动，未按照规定在限定的作业时间内进行，或者未采取有效措施造成噪声污染的；"
    },
    statutory: {
      kinds: [
        "warning",
        "fine"
      ],
      fineBasis: "amount",
      fineMin: 20000,
      fineMax: 100000,
      multipleOf: null,
      orders: "说服教育，责令改正；拒不改正的，给予警告，可以并处罚款"
    },
    bands: [
      {
        level: "minor",
        fineMin: 20000,
        fineMax: 30000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 30000,
        fineMax: 40000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 40000,
        fineMax: 70000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 70000,
        fineMax: 100000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "GF-01",
    name: "随意倾倒、抛撒、堆放或者焚烧生活垃圾（个人）",
    partyTypes: [
      "individual"
    ],
    violated: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第四十九条第一款",
      quote: "产生生活垃圾的单位、家庭和个人应当依法履行生活垃圾源头减量和分类投放义务，承担生活垃圾产生者责任。"
    },
    penaltyBasis: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第一百一十一条第一款第一项、第二款",
      quote: "违反本法规定，有下列行为之一，由县级以上地方人民政府环境卫生主管部门责令改正，处以罚款，没收违法所得：……（一）随意倾倒、抛撒、堆放或者焚烧生活垃圾的；……单位有前款第一项、第七项行为之一，处五万元以上五十万元以下的罚款；单位有前款第二项、第三项、第四项、第五项、第六项行为之一，处十万元以上一百万元以下的罚款；个人有前款第一项、第五项、第七项行为之一，处一百元以上五百元以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine",
        "confiscation"
      ],
      fineBasis: "amount",
      fineMin: 10000,
      fineMax: 50000,
      multipleOf: null,
      orders: "责令改正，没收违法所得"
    },
    bands: [
      {
        level: "minor",
        fineMin: 10000,
        fineMax: 15000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 15000,
        fineMax: 25000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 25000,
        fineMax: 40000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 40000,
        fineMax: 50000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: "初次违法且危害后果轻微，并在责令改正期限内改正的，可以不予行政处罚（演示）"
  },
  {
    code: "GF-02",
    name: "随意倾倒、抛撒、堆放或者焚烧生活垃圾（单位）",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第四十九条第一款",
      quote: "产生生活垃圾的单位、家庭和个人应当依法履行生活垃圾源头减量和分类投放义务，承担生活垃圾产生者责任。"
    },
    penaltyBasis: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第一百一十一条第一款第一项、第二款",
      quote: "违反本法规定，有下列行为之一，由县级以上地方人民政府环境卫生主管部门责令改正，处以罚款，没收违法所得：……（一）随意倾倒、抛撒、堆放或者焚烧生活垃圾的；……单位有前款第一项、第七项行为之一，处五万元以上五十万元以下的罚款；单位有前款第二项、第三项、第四项、第五项、第六项行为之一，处十万元以上一百万元以下的罚款；个人有前款第一项、第五项、第七项行为之一，处一百元以上五百元以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine",
        "confiscation"
      ],
      fineBasis: "amount",
      fineMin: 5000000,
      fineMax: 50000000,
      multipleOf: null,
      orders: "责令改正，没收违法所得"
    },
    bands: [
      {
        level: "minor",
        fineMin: 5000000,
        fineMax: 9500000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 9500000,
        fineMax: 18500000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 18500000,
        fineMax: 32000000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 32000000,
        fineMax: 50000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "GF-03",
    name: "工程施工单位擅自倾倒、抛撒或者堆放建筑垃圾（渣土）",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第六十三条第一款",
      quote: "工程施工单位应当编制建筑垃圾处理方案，采取污染防治措施，并报县级以上地方人民政府环境卫生主管部门备案。"
    },
    penaltyBasis: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第一百一十一条第一款第四项、第二款",
      quote: "违反本法规定，有下列行为之一，由县级以上地方人民政府环境卫生主管部门责令改正，处以罚款，没收违法所得：……（四）工程施工单位擅自倾倒、抛撒或者堆放工程施工过程中产生的建筑垃圾，或者未按照规定对施工过程中产生的固体废物进行利用或者处置的；……单位有前款第一项、第七项行为之一，处五万元以上五十万元以下的罚款；单位有前款第二项、第三项、第四项、第五项、第六项行为之一，处十万元以上一百万元以下的罚款；个人有前款第一项、第五项、第七项行为之一，处一百元以上五百元以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine",
        "confiscation"
      ],
      fineBasis: "amount",
      fineMin: 10000000,
      fineMax: 100000000,
      multipleOf: null,
      orders: "责令改正，没收违法所得"
    },
    bands: [
      {
        level: "minor",
        fineMin: 10000000,
        fineMax: 19000000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 19000000,
        fineMax: 37000000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 37000000,
        fineMax: 64000000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 64000000,
        fineMax: 100000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "GF-04",
    name: "工程施工单位未编制建筑垃圾处理方案报备案或者未及时清运施工固体废物",
    partyTypes: [
      "organization"
    ],
    violated: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第六十三条第一款",
      quote: "工程施工单位应当编制建筑垃圾处理方案，采取污染防治措施，并报县级以上地方人民政府环境卫生主管部门备案。"
    },
    penaltyBasis: {
      law: "中华人民共和国固体废物污染环境防治法",
      version: "2020-04-29",
      article: "第一百一十一条第一款第三项、第二款",
      quote: "违反本法规定，有下列行为之一，由县级以上地方人民政府环境卫生主管部门责令改正，处以罚款，没收违法所得：……（三）工程施工单位未编制建筑垃圾处理方案报备案，或者未及时清运施工过程中产生的固体废物的；……单位有前款第一项、第七项行为之一，处五万元以上五十万元以下的罚款；单位有前款第二项、第三项、第四项、第五项、第六项行为之一，处十万元以上一百万元以下的罚款；个人有前款第一项、第五项、第七项行为之一，处一百元以上五百元以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine",
        "confiscation"
      ],
      fineBasis: "amount",
      fineMin: 10000000,
      fineMax: 100000000,
      multipleOf: null,
      orders: "责令改正，没收违法所得"
    },
    bands: [
      {
        level: "minor",
        fineMin: 10000000,
        fineMax: 19000000,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 19000000,
        fineMax: 37000000,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 37000000,
        fineMax: 64000000,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 64000000,
        fineMax: 100000000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "GH-01",
    name: "未取得建设工程规划许可证或者未按照许可证的规定进行建设（违法建设，尚可采取改正措施）",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国城乡规划法",
      version: "2019-04-23",
      article: "第四十条第一款",
      quote: "在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门或者省、自治区、直辖市人民政府确定的镇人民政府申请办理建设工程规划许可证。"
    },
    penaltyBasis: {
      law: "中华人民共和国城乡规划法",
      version: "2019-04-23",
      article: "第六十四条",
      quote: "未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的，由县级以上地方人民政府城乡规划主管部门责令停止建设；尚可采取改正措施消除对规划实施的影响的，限期改正，处建设工程造价百分之五以上百分之十以下的罚款；无法采取改正措施消除影响的，限期拆除，不能拆除的，没收实物或者违法收入，可以并处建设工程造价百分之十以下的罚款。"
    },
    statutory: {
      kinds: [
        "fine",
        "confiscation"
      ],
      fineBasis: "multiple",
      fineMin: 50,
      fineMax: 100,
      multipleOf: "建设工程造价",
      orders: "责令停止建设，限期改正"
    },
    bands: [
      {
        level: "minor",
        fineMin: 50,
        fineMax: 60,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 60,
        fineMax: 75,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 75,
        fineMax: 90,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 90,
        fineMax: 100,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  },
  {
    code: "GH-02",
    name: "未经批准进行临时建设",
    partyTypes: [
      "individual",
      "business",
      "organization"
    ],
    violated: {
      law: "中华人民共和国城乡规划法",
      version: "2019-04-23",
      article: "第四十四条第一款",
      quote: "在城市、镇规划区内进行临时建设的，应当经城市、县人民政府城乡规划主管部门批准。临时建设影响近期建设规划或者控制性详细规划的实施以及交通、市容、安全等的，不得批准。"
    },
    penaltyBasis: {
      law: "中华人民共和国城乡规划法",
      version: "2019-04-23",
      article: "第六十六条第一项",
      quote: "建设单位或者个人有下列行为之一的，由所在地城市、县人民政府城乡规划主管部门责令限期拆除，可以并处临时建设工程造价一倍以下的罚款：……（一）未经批准进行临时建设的；"
    },
    statutory: {
      kinds: [
        "fine"
      ],
      fineBasis: "multiple",
      fineMin: null,
      fineMax: 1000,
      multipleOf: "临时建设工程造价",
      orders: "责令限期拆除"
    },
    bands: [
      {
        level: "minor",
        fineMin: 0,
        fineMax: 200,
        conditions: "初次违法，情节轻微，及时改正，未造成明显危害后果（演示）"
      },
      {
        level: "general",
        fineMin: 200,
        fineMax: 500,
        conditions: "违法情节一般，经责令后及时改正（演示）"
      },
      {
        level: "serious",
        fineMin: 500,
        fineMax: 800,
        conditions: "经责令改正仍不改正，或造成一定危害后果、被多次投诉（演示）"
      },
      {
        level: "severe",
        fineMin: 800,
        fineMax: 1000,
        conditions: "多次违法，造成严重危害后果或恶劣社会影响（演示）"
      }
    ],
    firstOffenceExemption: null
  }
];
