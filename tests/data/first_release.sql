BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0001_initial');
CREATE TABLE area (
	id INTEGER NOT NULL, 
	parent_id INTEGER, 
	level VARCHAR(10) NOT NULL, 
	name VARCHAR(60) NOT NULL, 
	code VARCHAR(20), 
	sort_order INTEGER NOT NULL, 
	CONSTRAINT pk_area PRIMARY KEY (id), 
	CONSTRAINT ck_area_level CHECK (level IN ('county', 'township', 'village', 'group')), 
	CONSTRAINT fk_area_parent_id_area FOREIGN KEY(parent_id) REFERENCES area (id), 
	CONSTRAINT uq_area_parent_id_name UNIQUE (parent_id, name)
);
INSERT INTO "area" VALUES(1,NULL,'county','云岭县','522425',1);
INSERT INTO "area" VALUES(2,1,'township','清水镇','108',1);
INSERT INTO "area" VALUES(53,2,'village','新寨村','008',8);
INSERT INTO "area" VALUES(54,53,'group','上寨组',NULL,1);
INSERT INTO "area" VALUES(55,53,'group','下寨组',NULL,2);
INSERT INTO "area" VALUES(56,53,'group','大湾组',NULL,3);
INSERT INTO "area" VALUES(57,53,'group','小湾组',NULL,4);
INSERT INTO "area" VALUES(58,53,'group','坪上组',NULL,5);
INSERT INTO "area" VALUES(59,53,'group','河边组',NULL,6);
INSERT INTO "area" VALUES(60,53,'group','岩脚组',NULL,7);
INSERT INTO "area" VALUES(61,53,'group','松林组',NULL,8);
INSERT INTO "area" VALUES(62,2,'village','马鞍村','009',9);
INSERT INTO "area" VALUES(63,62,'group','上寨组',NULL,1);
INSERT INTO "area" VALUES(64,62,'group','下寨组',NULL,2);
INSERT INTO "area" VALUES(65,62,'group','大湾组',NULL,3);
INSERT INTO "area" VALUES(66,62,'group','小湾组',NULL,4);
INSERT INTO "area" VALUES(67,62,'group','坪上组',NULL,5);
INSERT INTO "area" VALUES(68,62,'group','河边组',NULL,6);
INSERT INTO "area" VALUES(69,62,'group','岩脚组',NULL,7);
INSERT INTO "area" VALUES(70,62,'group','松林组',NULL,8);
CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_name VARCHAR(60) NOT NULL, 
	action VARCHAR(40) NOT NULL, 
	entity VARCHAR(40) NOT NULL, 
	entity_id VARCHAR(40), 
	summary TEXT NOT NULL, 
	"before" TEXT, 
	"after" TEXT, 
	CONSTRAINT pk_audit_log PRIMARY KEY (id)
);
INSERT INTO "audit_log" VALUES(1,'2026-12-02 20:27:14.726236','系统用户 root(os:root)','生成示范数据','database',NULL,'生成示范数据：12 个村 72 户 275 人（种子 2026）',NULL,NULL);
INSERT INTO "audit_log" VALUES(2,'2026-12-02 20:27:16.160649','本机管理员(admin)','新增','user','admin','新增用户 本机管理员（管理员）',NULL,NULL);
INSERT INTO "audit_log" VALUES(3,'2026-12-02 20:27:16.160656','本机管理员(admin)','新增','user','luru01','新增用户 王小丽（录入员）',NULL,NULL);
INSERT INTO "audit_log" VALUES(4,'2026-12-02 20:27:16.187201','本机管理员(admin)','迁移','member','74','成员 杨英英 由 52242510800800002 户迁入 52242510800900004 户（婚嫁迁入）','{"household": "52242510800800002", "position": 2, "relation": "之女"}','{"household": "52242510800900004", "position": 6, "relation": "之儿媳"}');
INSERT INTO "audit_log" VALUES(5,'2026-12-02 20:27:16.191856','本机管理员(admin)','核实无误','finding_review','44','数据核查结果“未参加基本医疗保险”（王俊强）标记为已核实无误',NULL,NULL);
CREATE TABLE code_item (
	id INTEGER NOT NULL, 
	field VARCHAR(40) NOT NULL, 
	value VARCHAR(60) NOT NULL, 
	sort_order INTEGER NOT NULL, 
	active BOOLEAN NOT NULL, 
	aliases TEXT, 
	CONSTRAINT pk_code_item PRIMARY KEY (id), 
	CONSTRAINT uq_code_item_field_value UNIQUE (field, value)
);
INSERT INTO "code_item" VALUES(1,'与户主关系','户主',0,1,NULL);
INSERT INTO "code_item" VALUES(2,'与户主关系','配偶',1,1,NULL);
INSERT INTO "code_item" VALUES(3,'与户主关系','之子',2,1,NULL);
INSERT INTO "code_item" VALUES(4,'与户主关系','之女',3,1,NULL);
INSERT INTO "code_item" VALUES(5,'与户主关系','之儿媳',4,1,NULL);
INSERT INTO "code_item" VALUES(6,'与户主关系','之女婿',5,1,NULL);
INSERT INTO "code_item" VALUES(7,'与户主关系','之孙子',6,1,NULL);
INSERT INTO "code_item" VALUES(8,'与户主关系','之孙女',7,1,NULL);
INSERT INTO "code_item" VALUES(9,'与户主关系','之外孙子',8,1,NULL);
INSERT INTO "code_item" VALUES(10,'与户主关系','之外孙女',9,1,NULL);
INSERT INTO "code_item" VALUES(11,'与户主关系','之父',10,1,NULL);
INSERT INTO "code_item" VALUES(12,'与户主关系','之母',11,1,NULL);
INSERT INTO "code_item" VALUES(13,'与户主关系','之岳父',12,1,NULL);
INSERT INTO "code_item" VALUES(14,'与户主关系','之岳母',13,1,NULL);
INSERT INTO "code_item" VALUES(15,'与户主关系','之公公',14,1,NULL);
INSERT INTO "code_item" VALUES(16,'与户主关系','之婆婆',15,1,NULL);
INSERT INTO "code_item" VALUES(17,'与户主关系','之祖父',16,1,NULL);
INSERT INTO "code_item" VALUES(18,'与户主关系','之祖母',17,1,NULL);
INSERT INTO "code_item" VALUES(19,'与户主关系','之外祖父',18,1,NULL);
INSERT INTO "code_item" VALUES(20,'与户主关系','之外祖母',19,1,NULL);
INSERT INTO "code_item" VALUES(21,'与户主关系','之兄弟姐妹',20,1,NULL);
INSERT INTO "code_item" VALUES(22,'与户主关系','之曾孙子',21,1,NULL);
INSERT INTO "code_item" VALUES(23,'与户主关系','之曾孙女',22,1,NULL);
INSERT INTO "code_item" VALUES(24,'与户主关系','之侄儿',23,1,NULL);
INSERT INTO "code_item" VALUES(25,'与户主关系','之侄女',24,1,NULL);
INSERT INTO "code_item" VALUES(26,'与户主关系','之兄弟媳妇',25,1,NULL);
INSERT INTO "code_item" VALUES(27,'与户主关系','之叔伯',26,1,NULL);
INSERT INTO "code_item" VALUES(28,'与户主关系','其他',27,1,NULL);
INSERT INTO "code_item" VALUES(29,'性别','男',0,1,NULL);
INSERT INTO "code_item" VALUES(30,'性别','女',1,1,NULL);
INSERT INTO "code_item" VALUES(31,'证件类型','身份证',0,1,NULL);
INSERT INTO "code_item" VALUES(32,'证件类型','残疾人证',1,1,NULL);
INSERT INTO "code_item" VALUES(33,'民族','汉族',0,1,NULL);
INSERT INTO "code_item" VALUES(34,'民族','彝族',1,1,NULL);
INSERT INTO "code_item" VALUES(35,'民族','苗族',2,1,NULL);
INSERT INTO "code_item" VALUES(36,'民族','土家族',3,1,NULL);
INSERT INTO "code_item" VALUES(37,'民族','侗族',4,1,NULL);
INSERT INTO "code_item" VALUES(38,'民族','瑶族',5,1,NULL);
INSERT INTO "code_item" VALUES(39,'民族','壮族',6,1,NULL);
INSERT INTO "code_item" VALUES(40,'民族','回族',7,1,NULL);
INSERT INTO "code_item" VALUES(41,'民族','白族',8,1,NULL);
INSERT INTO "code_item" VALUES(42,'民族','哈尼族',9,1,NULL);
INSERT INTO "code_item" VALUES(43,'民族','傣族',10,1,NULL);
INSERT INTO "code_item" VALUES(44,'民族','布依族',11,1,NULL);
INSERT INTO "code_item" VALUES(45,'民族','藏族',12,1,NULL);
INSERT INTO "code_item" VALUES(46,'民族','蒙古族',13,1,NULL);
INSERT INTO "code_item" VALUES(47,'民族','满族',14,1,NULL);
INSERT INTO "code_item" VALUES(48,'民族','其他',15,1,NULL);
INSERT INTO "code_item" VALUES(49,'文化程度','文盲或半文盲',0,1,NULL);
INSERT INTO "code_item" VALUES(50,'文化程度','小学',1,1,NULL);
INSERT INTO "code_item" VALUES(51,'文化程度','初中',2,1,NULL);
INSERT INTO "code_item" VALUES(52,'文化程度','高中',3,1,NULL);
INSERT INTO "code_item" VALUES(53,'文化程度','大专',4,1,NULL);
INSERT INTO "code_item" VALUES(54,'文化程度','本科及以上',5,1,NULL);
INSERT INTO "code_item" VALUES(55,'在校生状况','学龄前儿童',0,1,NULL);
INSERT INTO "code_item" VALUES(56,'在校生状况','学前教育',1,1,NULL);
INSERT INTO "code_item" VALUES(57,'在校生状况','小学',2,1,NULL);
INSERT INTO "code_item" VALUES(58,'在校生状况','七年级',3,1,NULL);
INSERT INTO "code_item" VALUES(59,'在校生状况','八年级',4,1,NULL);
INSERT INTO "code_item" VALUES(60,'在校生状况','九年级',5,1,NULL);
INSERT INTO "code_item" VALUES(61,'在校生状况','普通高中一年级',6,1,NULL);
INSERT INTO "code_item" VALUES(62,'在校生状况','普通高中二年级',7,1,NULL);
INSERT INTO "code_item" VALUES(63,'在校生状况','普通高中三年级',8,1,NULL);
INSERT INTO "code_item" VALUES(64,'在校生状况','中职一年级',9,1,NULL);
INSERT INTO "code_item" VALUES(65,'在校生状况','中职二年级',10,1,NULL);
INSERT INTO "code_item" VALUES(66,'在校生状况','中职三年级',11,1,NULL);
INSERT INTO "code_item" VALUES(67,'在校生状况','高职高专一年级',12,1,NULL);
INSERT INTO "code_item" VALUES(68,'在校生状况','高职高专二年级',13,1,NULL);
INSERT INTO "code_item" VALUES(69,'在校生状况','高职高专三年级',14,1,NULL);
INSERT INTO "code_item" VALUES(70,'在校生状况','技师学院一年级',15,1,NULL);
INSERT INTO "code_item" VALUES(71,'在校生状况','技师学院二年级',16,1,NULL);
INSERT INTO "code_item" VALUES(72,'在校生状况','技师学院三年级',17,1,NULL);
INSERT INTO "code_item" VALUES(73,'在校生状况','技师学院四年级',18,1,NULL);
INSERT INTO "code_item" VALUES(74,'在校生状况','本科一年级',19,1,NULL);
INSERT INTO "code_item" VALUES(75,'在校生状况','本科二年级',20,1,NULL);
INSERT INTO "code_item" VALUES(76,'在校生状况','本科三年级',21,1,NULL);
INSERT INTO "code_item" VALUES(77,'在校生状况','本科四年级',22,1,NULL);
INSERT INTO "code_item" VALUES(78,'在校生状况','本科五年级',23,1,NULL);
INSERT INTO "code_item" VALUES(79,'在校生状况','硕士研究生及以上',24,1,NULL);
INSERT INTO "code_item" VALUES(80,'健康状况','健康',0,1,NULL);
INSERT INTO "code_item" VALUES(81,'健康状况','长期慢性病',1,1,'["慢性病"]');
INSERT INTO "code_item" VALUES(82,'健康状况','患有大病',2,1,'["大病"]');
INSERT INTO "code_item" VALUES(83,'健康状况','残疾',3,1,NULL);
INSERT INTO "code_item" VALUES(84,'残疾类别','视力残疾',0,1,NULL);
INSERT INTO "code_item" VALUES(85,'残疾类别','听力残疾',1,1,NULL);
INSERT INTO "code_item" VALUES(86,'残疾类别','言语残疾',2,1,NULL);
INSERT INTO "code_item" VALUES(87,'残疾类别','肢体残疾',3,1,NULL);
INSERT INTO "code_item" VALUES(88,'残疾类别','智力残疾',4,1,NULL);
INSERT INTO "code_item" VALUES(89,'残疾类别','精神残疾',5,1,NULL);
INSERT INTO "code_item" VALUES(90,'残疾类别','多重残疾',6,1,NULL);
INSERT INTO "code_item" VALUES(91,'残疾等级','一级',0,1,NULL);
INSERT INTO "code_item" VALUES(92,'残疾等级','二级',1,1,NULL);
INSERT INTO "code_item" VALUES(93,'残疾等级','三级',2,1,NULL);
INSERT INTO "code_item" VALUES(94,'残疾等级','四级',3,1,NULL);
INSERT INTO "code_item" VALUES(95,'劳动技能','普通劳动力',0,1,NULL);
INSERT INTO "code_item" VALUES(96,'劳动技能','技能劳动力',1,1,NULL);
INSERT INTO "code_item" VALUES(97,'劳动技能','弱劳动力或半劳动力',2,1,'["弱劳动力", "半劳动力"]');
INSERT INTO "code_item" VALUES(98,'劳动技能','丧失劳动力',3,1,NULL);
INSERT INTO "code_item" VALUES(99,'劳动技能','无劳动力',4,1,NULL);
INSERT INTO "code_item" VALUES(100,'政治面貌','中共党员',0,1,NULL);
INSERT INTO "code_item" VALUES(101,'政治面貌','中共预备党员',1,1,NULL);
INSERT INTO "code_item" VALUES(102,'政治面貌','共青团员',2,1,NULL);
INSERT INTO "code_item" VALUES(103,'政治面貌','群众',3,1,NULL);
INSERT INTO "code_item" VALUES(104,'务工状况','乡(镇)内务工',0,1,NULL);
INSERT INTO "code_item" VALUES(105,'务工状况','乡(镇)外县内务工',1,1,NULL);
INSERT INTO "code_item" VALUES(106,'务工状况','县外省内务工',2,1,NULL);
INSERT INTO "code_item" VALUES(107,'务工状况','省外务工',3,1,NULL);
INSERT INTO "code_item" VALUES(108,'户类型','脱贫户',0,1,'["脱贫户（已脱贫）", "已脱贫户"]');
INSERT INTO "code_item" VALUES(109,'户类型','一般农户',1,1,'["普通农户", "一般户"]');
INSERT INTO "code_item" VALUES(110,'监测对象类别','脱贫不稳定户',0,1,NULL);
INSERT INTO "code_item" VALUES(111,'监测对象类别','边缘易致贫户',1,1,NULL);
INSERT INTO "code_item" VALUES(112,'监测对象类别','突发严重困难户',2,1,NULL);
INSERT INTO "code_item" VALUES(113,'致贫返贫风险','因病',0,1,NULL);
INSERT INTO "code_item" VALUES(114,'致贫返贫风险','因残',1,1,NULL);
INSERT INTO "code_item" VALUES(115,'致贫返贫风险','因学',2,1,NULL);
INSERT INTO "code_item" VALUES(116,'致贫返贫风险','因自然灾害',3,1,'["因灾", "自然灾害"]');
INSERT INTO "code_item" VALUES(117,'致贫返贫风险','因意外事故',4,1,'["意外事故", "因意外"]');
INSERT INTO "code_item" VALUES(118,'致贫返贫风险','因产业项目失败',5,1,'["产业项目失败", "因产业失败"]');
INSERT INTO "code_item" VALUES(119,'致贫返贫风险','因务工就业不稳',6,1,'["因务工就业不稳定", "务工就业不稳"]');
INSERT INTO "code_item" VALUES(120,'致贫返贫风险','缺劳动力',7,1,'["缺劳力", "缺乏劳动力"]');
INSERT INTO "code_item" VALUES(121,'致贫返贫风险','住房出现安全问题',8,1,'["住房安全问题", "住房出现安全隐患", "因住房安全"]');
INSERT INTO "code_item" VALUES(122,'致贫返贫风险','饮水安全问题',9,1,'["饮水出现安全问题", "饮水安全", "因饮水安全"]');
INSERT INTO "code_item" VALUES(123,'致贫返贫风险','其他',10,1,'["其它"]');
INSERT INTO "code_item" VALUES(124,'自然灾害类型','洪涝',0,1,NULL);
INSERT INTO "code_item" VALUES(125,'自然灾害类型','地质',1,1,NULL);
INSERT INTO "code_item" VALUES(126,'自然灾害类型','旱灾',2,1,NULL);
INSERT INTO "code_item" VALUES(127,'自然灾害类型','生物',3,1,NULL);
INSERT INTO "code_item" VALUES(128,'自然灾害类型','气象',4,1,NULL);
INSERT INTO "code_item" VALUES(129,'自然灾害类型','地震',5,1,NULL);
INSERT INTO "code_item" VALUES(130,'自然灾害类型','其他',6,1,NULL);
INSERT INTO "code_item" VALUES(131,'致贫原因(旧)','因病',0,1,NULL);
INSERT INTO "code_item" VALUES(132,'致贫原因(旧)','因残',1,1,NULL);
INSERT INTO "code_item" VALUES(133,'致贫原因(旧)','因学',2,1,NULL);
INSERT INTO "code_item" VALUES(134,'致贫原因(旧)','因灾',3,1,NULL);
INSERT INTO "code_item" VALUES(135,'致贫原因(旧)','缺土地',4,1,NULL);
INSERT INTO "code_item" VALUES(136,'致贫原因(旧)','缺水',5,1,NULL);
INSERT INTO "code_item" VALUES(137,'致贫原因(旧)','缺技术',6,1,NULL);
INSERT INTO "code_item" VALUES(138,'致贫原因(旧)','缺劳力',7,1,NULL);
INSERT INTO "code_item" VALUES(139,'致贫原因(旧)','缺资金',8,1,NULL);
INSERT INTO "code_item" VALUES(140,'致贫原因(旧)','交通条件落后',9,1,NULL);
INSERT INTO "code_item" VALUES(141,'致贫原因(旧)','自身发展动力不足',10,1,NULL);
INSERT INTO "code_item" VALUES(142,'致贫原因(旧)','其它',11,1,NULL);
INSERT INTO "code_item" VALUES(143,'风险消除方式','帮扶消除',0,1,NULL);
INSERT INTO "code_item" VALUES(144,'风险消除方式','自然消除',1,1,NULL);
INSERT INTO "code_item" VALUES(145,'开发式帮扶','已实施',0,1,NULL);
INSERT INTO "code_item" VALUES(146,'开发式帮扶','尚未实施',1,1,NULL);
INSERT INTO "code_item" VALUES(147,'帮扶措施类别','产业帮扶',0,1,NULL);
INSERT INTO "code_item" VALUES(148,'帮扶措施类别','就业帮扶',1,1,NULL);
INSERT INTO "code_item" VALUES(149,'帮扶措施类别','金融帮扶',2,1,NULL);
INSERT INTO "code_item" VALUES(150,'帮扶措施类别','公益岗位帮扶',3,1,NULL);
INSERT INTO "code_item" VALUES(151,'帮扶措施类别','健康帮扶',4,1,NULL);
INSERT INTO "code_item" VALUES(152,'帮扶措施类别','义务教育保障',5,1,NULL);
INSERT INTO "code_item" VALUES(153,'帮扶措施类别','其他教育帮扶',6,1,NULL);
INSERT INTO "code_item" VALUES(154,'帮扶措施类别','综合保障',7,1,NULL);
INSERT INTO "code_item" VALUES(155,'帮扶措施类别','住房安全保障',8,1,NULL);
INSERT INTO "code_item" VALUES(156,'帮扶措施类别','饮水安全保障',9,1,NULL);
INSERT INTO "code_item" VALUES(157,'帮扶措施类别','社会帮扶',10,1,NULL);
INSERT INTO "code_item" VALUES(158,'帮扶措施类别','搬迁',11,1,NULL);
INSERT INTO "code_item" VALUES(159,'帮扶措施类别','生产生活条件改善',12,1,NULL);
INSERT INTO "code_item" VALUES(160,'帮扶措施类别','基础设施建设',13,1,NULL);
INSERT INTO "code_item" VALUES(161,'公益岗位','生态护林员',0,1,NULL);
INSERT INTO "code_item" VALUES(162,'公益岗位','护路员',1,1,NULL);
INSERT INTO "code_item" VALUES(163,'公益岗位','护水员',2,1,NULL);
INSERT INTO "code_item" VALUES(164,'公益岗位','保洁员',3,1,NULL);
INSERT INTO "code_item" VALUES(165,'公益岗位','治安协管员',4,1,NULL);
INSERT INTO "code_item" VALUES(166,'公益岗位','村设公益岗',5,1,NULL);
INSERT INTO "code_item" VALUES(167,'公益岗位','其他',6,1,NULL);
INSERT INTO "code_item" VALUES(168,'危房等级','A',0,1,NULL);
INSERT INTO "code_item" VALUES(169,'危房等级','B',1,1,NULL);
INSERT INTO "code_item" VALUES(170,'危房等级','C',2,1,NULL);
INSERT INTO "code_item" VALUES(171,'危房等级','D',3,1,NULL);
INSERT INTO "code_item" VALUES(172,'安置方式','集中安置',0,1,NULL);
INSERT INTO "code_item" VALUES(173,'安置方式','分散安置',1,1,NULL);
INSERT INTO "code_item" VALUES(174,'水源类型','集中供水',0,1,NULL);
INSERT INTO "code_item" VALUES(175,'水源类型','分散供水-水井',1,1,NULL);
INSERT INTO "code_item" VALUES(176,'水源类型','分散供水-水窖',2,1,NULL);
INSERT INTO "code_item" VALUES(177,'水源类型','分散供水-山泉水',3,1,NULL);
INSERT INTO "code_item" VALUES(178,'水源类型','其他',4,1,NULL);
INSERT INTO "code_item" VALUES(179,'帮扶人角色','帮扶责任人',0,1,NULL);
INSERT INTO "code_item" VALUES(180,'帮扶人角色','监测联系人',1,1,NULL);
INSERT INTO "code_item" VALUES(181,'帮扶人角色','驻村第一书记',2,1,NULL);
INSERT INTO "code_item" VALUES(182,'帮扶人角色','驻村工作队员',3,1,NULL);
INSERT INTO "code_item" VALUES(183,'帮扶人角色','产业指导员',4,1,NULL);
INSERT INTO "code_item" VALUES(184,'单位隶属','省直',0,1,NULL);
INSERT INTO "code_item" VALUES(185,'单位隶属','市直',1,1,NULL);
INSERT INTO "code_item" VALUES(186,'单位隶属','县直',2,1,NULL);
INSERT INTO "code_item" VALUES(187,'单位隶属','乡镇',3,1,NULL);
INSERT INTO "code_item" VALUES(188,'单位隶属','村级',4,1,NULL);
INSERT INTO "code_item" VALUES(189,'自然减少原因','死亡',0,1,NULL);
INSERT INTO "code_item" VALUES(190,'自然减少原因','迁出',1,1,NULL);
INSERT INTO "code_item" VALUES(191,'自然减少原因','婚嫁迁出',2,1,NULL);
INSERT INTO "code_item" VALUES(192,'自然减少原因','合户',3,1,NULL);
INSERT INTO "code_item" VALUES(193,'自然减少原因','服刑',4,1,NULL);
INSERT INTO "code_item" VALUES(194,'自然减少原因','其他',5,1,NULL);
INSERT INTO "code_item" VALUES(195,'问题来源','中央巡视/回头看',0,1,NULL);
INSERT INTO "code_item" VALUES(196,'问题来源','国家成效考核',1,1,NULL);
INSERT INTO "code_item" VALUES(197,'问题来源','省级考核',2,1,NULL);
INSERT INTO "code_item" VALUES(198,'问题来源','第三方评估',3,1,NULL);
INSERT INTO "code_item" VALUES(199,'问题来源','审计',4,1,NULL);
INSERT INTO "code_item" VALUES(200,'问题来源','县级督查',5,1,NULL);
INSERT INTO "code_item" VALUES(201,'问题来源','乡镇自查/大排查',6,1,NULL);
INSERT INTO "code_item" VALUES(202,'问题来源','数据核查',7,1,NULL);
INSERT INTO "code_item" VALUES(203,'问题类别','住房安全',0,1,NULL);
INSERT INTO "code_item" VALUES(204,'问题类别','饮水安全',1,1,NULL);
INSERT INTO "code_item" VALUES(205,'问题类别','义务教育',2,1,NULL);
INSERT INTO "code_item" VALUES(206,'问题类别','基本医疗',3,1,NULL);
INSERT INTO "code_item" VALUES(207,'问题类别','监测帮扶',4,1,NULL);
INSERT INTO "code_item" VALUES(208,'问题类别','产业帮扶',5,1,NULL);
INSERT INTO "code_item" VALUES(209,'问题类别','就业帮扶',6,1,NULL);
INSERT INTO "code_item" VALUES(210,'问题类别','资金项目',7,1,NULL);
INSERT INTO "code_item" VALUES(211,'问题类别','档案信息',8,1,NULL);
INSERT INTO "code_item" VALUES(212,'问题类别','工作作风',9,1,NULL);
INSERT INTO "code_item" VALUES(213,'问题类别','其他',10,1,NULL);
CREATE TABLE finding_review (
	id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	rule VARCHAR(20) NOT NULL, 
	subject VARCHAR(60) NOT NULL, 
	data_hash VARCHAR(64) NOT NULL, 
	note TEXT, 
	reviewed_at DATETIME NOT NULL, 
	reviewed_by VARCHAR(60) NOT NULL, 
	CONSTRAINT pk_finding_review PRIMARY KEY (id), 
	CONSTRAINT fk_finding_review_household_id_household FOREIGN KEY(household_id) REFERENCES household (id) ON DELETE CASCADE, 
	CONSTRAINT uq_finding_review_household_id_rule_subject UNIQUE (household_id, rule, subject)
);
INSERT INTO "finding_review" VALUES(1,44,'no_medical_insurance','member:160','17a7bdd1979ce7b96377b9525ccdd939c581f9e7995fdfca6504ed165904b886','经入户核实，本人在务工地参加职工医保，已见参保凭证','2026-12-02 20:27:16.193242','本机管理员(admin)');
CREATE TABLE helper (
	id INTEGER NOT NULL, 
	name VARCHAR(40) NOT NULL, 
	sex VARCHAR(2), 
	political_status VARCHAR(20), 
	unit VARCHAR(100), 
	unit_level VARCHAR(10), 
	title VARCHAR(60), 
	phone VARCHAR(40), 
	id_number VARCHAR(20), 
	role VARCHAR(20) NOT NULL, 
	village_id INTEGER, 
	note TEXT, 
	archived BOOLEAN NOT NULL, 
	archived_on DATE, 
	archived_reason VARCHAR(100), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_helper PRIMARY KEY (id), 
	CONSTRAINT fk_helper_village_id_area FOREIGN KEY(village_id) REFERENCES area (id)
);
INSERT INTO "helper" VALUES(50,'李华成','男','群众','新寨村委会','村级','村党支部书记','19244928411',NULL,'帮扶责任人',NULL,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674574','2026-12-02 20:27:14.674575');
INSERT INTO "helper" VALUES(52,'徐兰雪','女','中共党员','县财政局','县直','驻村第一书记','18772980106',NULL,'驻村第一书记',53,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674715','2026-12-02 20:27:14.674716');
INSERT INTO "helper" VALUES(53,'王芳华','女','群众','县人力资源和社会保障局','县直','办公室主任','17098919165',NULL,'驻村工作队员',53,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674717','2026-12-02 20:27:14.674717');
INSERT INTO "helper" VALUES(54,'何兴东','男','中共党员','县水务局','县直','站长','13370458581',NULL,'驻村工作队员',53,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674718','2026-12-02 20:27:14.674718');
INSERT INTO "helper" VALUES(55,'李慧','女','群众','县民政局','县直','办公室主任','17932615643',NULL,'产业指导员',53,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674719','2026-12-02 20:27:14.674719');
INSERT INTO "helper" VALUES(56,'杨光东','男','中共党员','新寨村委会','村级','村委会主任','19371965278',NULL,'监测联系人',53,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674720','2026-12-02 20:27:14.674720');
INSERT INTO "helper" VALUES(57,'刘萍莲','女','中共党员','马鞍村委会','村级','村监委主任','13109197615',NULL,'帮扶责任人',NULL,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674876','2026-12-02 20:27:14.674877');
INSERT INTO "helper" VALUES(58,'徐云','女','群众','镇财政所','乡镇','副镇长','19023922587',NULL,'帮扶责任人',NULL,NULL,0,NULL,NULL,'2026-12-02 20:27:14.674878','2026-12-02 20:27:14.674878');
INSERT INTO "helper" VALUES(59,'田宇建','男','群众','县自然资源局','县直','驻村第一书记','19493697471',NULL,'驻村第一书记',62,NULL,0,NULL,NULL,'2026-12-02 20:27:14.675011','2026-12-02 20:27:14.675012');
INSERT INTO "helper" VALUES(60,'杨富斌','男','中共党员','县医疗保障局','县直','站长','18199328103',NULL,'驻村工作队员',62,NULL,0,NULL,NULL,'2026-12-02 20:27:14.675013','2026-12-02 20:27:14.675013');
INSERT INTO "helper" VALUES(61,'杨飞勇','男','群众','县卫生健康局','县直','副局长','19684047848',NULL,'驻村工作队员',62,NULL,0,NULL,NULL,'2026-12-02 20:27:14.675013','2026-12-02 20:27:14.675014');
INSERT INTO "helper" VALUES(62,'罗鹏东','男','中共党员','镇中心学校','乡镇','副镇长','18875273443',NULL,'产业指导员',62,NULL,0,NULL,NULL,'2026-12-02 20:27:14.675014','2026-12-02 20:27:14.675015');
INSERT INTO "helper" VALUES(63,'龙欣英','女','中共党员','马鞍村委会','村级','村委会主任','17524697344',NULL,'监测联系人',62,NULL,0,NULL,NULL,'2026-12-02 20:27:14.675015','2026-12-02 20:27:14.675016');
CREATE TABLE household (
	id INTEGER NOT NULL, 
	number VARCHAR(40) NOT NULL, 
	number_is_local BOOLEAN NOT NULL, 
	village_id INTEGER NOT NULL, 
	group_id INTEGER, 
	address VARCHAR(200), 
	phone VARCHAR(40), 
	household_type VARCHAR(20), 
	poverty_exit_year INTEGER, 
	monitor_category VARCHAR(20), 
	identified_on DATE, 
	risk_eliminated BOOLEAN, 
	elimination_method VARCHAR(20), 
	eliminated_on DATE, 
	dev_support VARCHAR(10), 
	no_labour_guarantee BOOLEAN, 
	identification_standard VARCHAR(40), 
	relocated BOOLEAN, 
	relocation_mode VARCHAR(20), 
	relocation_site VARCHAR(100), 
	house_danger_level VARCHAR(2), 
	house_appraised_on DATE, 
	house_renovation VARCHAR(40), 
	house_renovated_on DATE, 
	house_subsidy FLOAT, 
	house_area FLOAT, 
	water_source VARCHAR(40), 
	water_quantity_ok BOOLEAN, 
	water_quality_ok BOOLEAN, 
	water_access_ok BOOLEAN, 
	water_supply_ok BOOLEAN, 
	farmland_mu FLOAT, 
	forest_mu FLOAT, 
	grain_to_green_mu FLOAT, 
	military_family BOOLEAN, 
	in_cooperative BOOLEAN, 
	note TEXT, 
	archived BOOLEAN NOT NULL, 
	archived_on DATE, 
	archived_reason VARCHAR(100), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_household PRIMARY KEY (id), 
	CONSTRAINT fk_household_group_id_area FOREIGN KEY(group_id) REFERENCES area (id), 
	CONSTRAINT fk_household_village_id_area FOREIGN KEY(village_id) REFERENCES area (id), 
	CONSTRAINT uq_household_number UNIQUE (number)
);
INSERT INTO "household" VALUES(8,'52242510800800001',0,53,60,'云岭县清水镇新寨村岩脚组1号','17774285591','一般农户',NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,NULL,0,NULL,NULL,'A',NULL,NULL,NULL,NULL,134.0,'集中供水',1,1,1,1,2.9,1.7,NULL,0,1,NULL,0,NULL,NULL,'2026-12-02 20:27:14.462601','2026-12-02 20:27:14.462604');
INSERT INTO "household" VALUES(9,'52242510800900001',0,62,63,'云岭县清水镇马鞍村上寨组1号','13808075560','脱贫户',2020,NULL,NULL,NULL,NULL,NULL,'已实施',0,'国家标准',0,NULL,NULL,'B',NULL,NULL,NULL,NULL,91.0,'集中供水',1,1,1,1,3.4,NULL,1.3,0,1,NULL,0,NULL,NULL,'2026-12-02 20:27:14.463658','2026-12-02 20:27:14.463661');
INSERT INTO "household" VALUES(20,'52242510800800002',0,53,55,'云岭县清水镇新寨村下寨组2号','13030023137','脱贫户',2016,'边缘易致贫户','2024-03-01',1,'帮扶消除','2024-12-01','已实施',0,'国家标准',0,NULL,NULL,'A',NULL,NULL,NULL,NULL,73.0,'集中供水',1,1,1,1,1.1,NULL,NULL,0,0,NULL,0,NULL,NULL,'2026-12-02 20:27:14.469543','2026-12-02 20:27:14.469560');
INSERT INTO "household" VALUES(21,'52242510800900002',0,62,68,'云岭县清水镇马鞍村河边组2号','15572547279','脱贫户',2016,NULL,NULL,NULL,NULL,NULL,'已实施',0,'国家标准',0,NULL,NULL,'B',NULL,NULL,NULL,NULL,106.0,'集中供水',1,1,1,1,5.6,0.3,1.5,0,0,NULL,0,NULL,NULL,'2026-12-02 20:27:14.470030','2026-12-02 20:27:14.470032');
INSERT INTO "household" VALUES(32,'52242510800800003',0,53,60,'云岭县清水镇新寨村岩脚组3号','17944796528','脱贫户',2020,NULL,NULL,NULL,NULL,NULL,'已实施',0,'国家标准',0,NULL,NULL,'A',NULL,NULL,NULL,NULL,124.0,'集中供水',1,1,1,1,1.5,NULL,NULL,0,1,NULL,0,NULL,NULL,'2026-12-02 20:27:14.475565','2026-12-02 20:27:14.475568');
INSERT INTO "household" VALUES(33,'52242510800900003',0,62,68,'云岭县清水镇马鞍村河边组3号','13998379689','脱贫户',2020,NULL,NULL,NULL,NULL,NULL,'已实施',0,'国家标准',0,NULL,NULL,'B',NULL,NULL,NULL,NULL,70.0,'集中供水',1,1,1,1,4.6,NULL,NULL,0,0,NULL,0,NULL,NULL,'2026-12-02 20:27:14.475568','2026-12-02 20:27:14.475569');
INSERT INTO "household" VALUES(44,'52242510800800004',0,53,54,'云岭县清水镇新寨村上寨组4号','18643539066','脱贫户',2020,NULL,NULL,NULL,NULL,NULL,'已实施',0,'国家标准',0,NULL,NULL,'C','2025-08-16','维修加固','2025-11-01',20000.0,73.0,'集中供水',1,1,1,1,2.9,5.3,NULL,0,0,NULL,0,NULL,NULL,'2026-12-02 20:27:14.479678','2026-12-02 20:27:14.479680');
INSERT INTO "household" VALUES(45,'52242510800900004',0,62,68,'云岭县清水镇马鞍村河边组4号','13847078316','脱贫户',2020,'脱贫不稳定户','2025-03-01',0,NULL,NULL,'已实施',0,'国家标准',0,NULL,NULL,'C','2025-10-16','维修加固','2026-06-01',35000.0,109.0,'集中供水',1,1,1,1,3.1,3.3,NULL,0,0,NULL,0,NULL,NULL,'2026-12-02 20:27:14.480877','2026-12-02 20:27:14.480880');
INSERT INTO "household" VALUES(56,'52242510800800005',0,53,59,'云岭县清水镇新寨村河边组5号','19747570255','脱贫户',2019,NULL,NULL,NULL,NULL,NULL,NULL,0,'国家标准',0,NULL,NULL,'B',NULL,NULL,NULL,NULL,157.0,'集中供水',1,1,1,1,4.5,5.2,NULL,0,0,NULL,0,NULL,NULL,'2026-12-02 20:27:14.482692','2026-12-02 20:27:14.482693');
INSERT INTO "household" VALUES(57,'52242510800900005',0,62,64,'云岭县清水镇马鞍村下寨组5号','15817575245','脱贫户',2020,NULL,NULL,NULL,NULL,NULL,NULL,0,'国家标准',0,NULL,NULL,'B',NULL,NULL,NULL,NULL,150.0,'集中供水',1,1,1,1,0.7,NULL,NULL,0,1,NULL,0,NULL,NULL,'2026-12-02 20:27:14.482820','2026-12-02 20:27:14.482821');
INSERT INTO "household" VALUES(68,'52242510800800006',0,53,56,'云岭县清水镇新寨村大湾组6号','19629612896','脱贫户',2017,NULL,NULL,NULL,NULL,NULL,'已实施',0,'国家标准',0,NULL,NULL,'C','2025-11-18','拆除重建','2026-06-01',12000.0,44.0,'集中供水',1,1,1,1,3.5,8.6,1.2,0,0,NULL,0,NULL,NULL,'2026-12-02 20:27:14.486262','2026-12-02 20:27:14.486263');
INSERT INTO "household" VALUES(69,'52242510800900006',0,62,67,'云岭县清水镇马鞍村坪上组6号','13697075906','脱贫户',2017,NULL,NULL,NULL,NULL,NULL,NULL,0,'国家标准',0,NULL,NULL,'A',NULL,NULL,NULL,NULL,71.0,'集中供水',1,1,1,1,4.8,NULL,0.4,0,1,NULL,0,NULL,NULL,'2026-12-02 20:27:14.486398','2026-12-02 20:27:14.486399');
CREATE TABLE household_risk (
	id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	risk VARCHAR(40) NOT NULL, 
	detail VARCHAR(40), 
	CONSTRAINT pk_household_risk PRIMARY KEY (id), 
	CONSTRAINT ck_household_risk_position CHECK (position BETWEEN 1 AND 5), 
	CONSTRAINT fk_household_risk_household_id_household FOREIGN KEY(household_id) REFERENCES household (id) ON DELETE CASCADE, 
	CONSTRAINT uq_household_risk_household_id_position UNIQUE (household_id, position)
);
INSERT INTO "household_risk" VALUES(3,20,1,'因病',NULL);
INSERT INTO "household_risk" VALUES(4,45,1,'因产业项目失败',NULL);
CREATE TABLE income_item (
	id INTEGER NOT NULL, 
	record_id INTEGER NOT NULL, 
	category VARCHAR(20) NOT NULL, 
	item VARCHAR(40) NOT NULL, 
	amount FLOAT NOT NULL, 
	policy BOOLEAN NOT NULL, 
	note VARCHAR(200), 
	CONSTRAINT pk_income_item PRIMARY KEY (id), 
	CONSTRAINT fk_income_item_record_id_income_record FOREIGN KEY(record_id) REFERENCES income_record (id) ON DELETE CASCADE
);
INSERT INTO "income_item" VALUES(86,15,'转移性收入','各类农业补贴',304.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(87,15,'生产经营性收入','种植业',28143.89,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(88,15,'生产经营性支出','种植业',11257.56,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(89,15,'工资性收入','务工收入',31360.33,0,'彭俊国 本省省会建筑工地');
INSERT INTO "income_item" VALUES(90,16,'转移性收入','各类农业补贴',304.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(91,16,'生产经营性收入','种植业',26590.17,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(92,16,'生产经营性支出','种植业',10636.07,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(93,16,'工资性收入','务工收入',29629.04,0,'彭俊国 本省省会建筑工地');
INSERT INTO "income_item" VALUES(94,17,'转移性收入','残疾补贴',960.0,1,'两项补贴');
INSERT INTO "income_item" VALUES(95,17,'转移性收入','各类农业补贴',357.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(96,17,'转移性收入','生态补偿金',390.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(97,17,'生产经营性收入','种植业',19794.25,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(98,17,'生产经营性支出','种植业',7917.7,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(99,17,'工资性收入','务工收入',11028.23,0,'杨宇宇 福建省泉州市物流公司');
INSERT INTO "income_item" VALUES(100,17,'工资性收入','务工收入',11028.23,0,'罗英娟 浙江省宁波市电子厂');
INSERT INTO "income_item" VALUES(101,18,'转移性收入','残疾补贴',960.0,1,'两项补贴');
INSERT INTO "income_item" VALUES(102,18,'转移性收入','各类农业补贴',357.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(103,18,'转移性收入','生态补偿金',390.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(104,18,'财产性收入','资产收益分红',200.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(105,18,'生产经营性收入','种植业',19782.96,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(106,18,'生产经营性支出','种植业',7913.18,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(107,18,'工资性收入','务工收入',11021.94,0,'杨宇宇 福建省泉州市物流公司');
INSERT INTO "income_item" VALUES(108,18,'工资性收入','务工收入',11021.94,0,'罗英娟 浙江省宁波市电子厂');
INSERT INTO "income_item" VALUES(235,39,'工资性收入','零工',17010.0,0,'本地零工');
INSERT INTO "income_item" VALUES(236,40,'转移性收入','各类农业补贴',115.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(237,40,'财产性收入','资产收益分红',300.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(238,40,'生产经营性收入','养殖业',29535.8,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(239,40,'生产经营性支出','养殖业',11814.32,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(240,40,'工资性收入','务工收入',32911.32,0,'陈斌明 广东省东莞市物流公司');
INSERT INTO "income_item" VALUES(241,41,'转移性收入','各类农业补贴',588.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(242,41,'转移性收入','生态补偿金',450.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(243,41,'财产性收入','资产收益分红',300.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(244,41,'生产经营性收入','种植业',23534.49,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(245,41,'生产经营性支出','种植业',9413.8,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(246,41,'工资性收入','务工收入',26224.15,0,'刘凤 广东省东莞市家政公司');
INSERT INTO "income_item" VALUES(247,42,'转移性收入','各类农业补贴',588.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(248,42,'转移性收入','生态补偿金',450.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(249,42,'财产性收入','资产收益分红',500.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(250,42,'生产经营性收入','养殖业',23189.83,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(251,42,'生产经营性支出','养殖业',9275.93,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(252,42,'工资性收入','务工收入',25840.09,0,'刘凤 广东省东莞市家政公司');
INSERT INTO "income_item" VALUES(386,63,'转移性收入','养老金',1800.0,1,'1人城乡居民养老金');
INSERT INTO "income_item" VALUES(387,63,'转移性收入','残疾补贴',960.0,1,'两项补贴');
INSERT INTO "income_item" VALUES(388,63,'转移性收入','各类农业补贴',157.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(389,63,'财产性收入','资产收益分红',800.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(390,63,'生产经营性收入','养殖业',18239.1,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(391,63,'生产经营性支出','养殖业',7295.64,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(392,63,'工资性收入','务工收入',20323.57,0,'李浩富 本镇工业园服装厂');
INSERT INTO "income_item" VALUES(393,64,'转移性收入','养老金',1800.0,1,'1人城乡居民养老金');
INSERT INTO "income_item" VALUES(394,64,'转移性收入','残疾补贴',960.0,1,'两项补贴');
INSERT INTO "income_item" VALUES(395,64,'转移性收入','各类农业补贴',157.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(396,64,'财产性收入','资产收益分红',800.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(397,64,'生产经营性收入','养殖业',17596.35,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(398,64,'生产经营性支出','养殖业',7038.54,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(399,64,'工资性收入','务工收入',19607.37,0,'李浩富 本镇工业园服装厂');
INSERT INTO "income_item" VALUES(400,65,'转移性收入','养老金',3360.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(401,65,'转移性收入','各类农业补贴',483.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(402,65,'财产性收入','资产收益分红',300.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(403,65,'生产经营性收入','种植业',55812.5,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(404,65,'生产经营性支出','种植业',22325.0,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(405,65,'工资性收入','零工',3720.83,0,'本地零工');
INSERT INTO "income_item" VALUES(406,66,'转移性收入','养老金',3600.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(407,66,'转移性收入','各类农业补贴',483.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(408,66,'财产性收入','资产收益分红',500.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(409,66,'生产经营性收入','种植业',46170.95,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(410,66,'生产经营性支出','种植业',18468.38,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(411,66,'工资性收入','零工',3078.06,0,'本地零工');
INSERT INTO "income_item" VALUES(533,87,'转移性收入','养老金',3120.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(534,87,'转移性收入','各类农业补贴',304.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(535,87,'财产性收入','资产收益分红',800.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(536,87,'生产经营性收入','种植业',37470.04,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(537,87,'生产经营性支出','种植业',14988.02,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(538,87,'工资性收入','务工收入',20876.17,0,'王勇 福建省泉州市家政公司');
INSERT INTO "income_item" VALUES(539,87,'工资性收入','务工收入',20876.17,0,'黄琴华 广东省东莞市农业合作社');
INSERT INTO "income_item" VALUES(540,88,'转移性收入','养老金',3120.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(541,88,'转移性收入','各类农业补贴',304.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(542,88,'生产经营性收入','养殖业',38142.52,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(543,88,'生产经营性支出','养殖业',15257.01,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(544,88,'工资性收入','务工收入',21250.83,0,'王勇 福建省泉州市家政公司');
INSERT INTO "income_item" VALUES(545,88,'工资性收入','务工收入',21250.83,0,'黄琴华 广东省东莞市农业合作社');
INSERT INTO "income_item" VALUES(546,89,'转移性收入','养老金',3360.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(547,89,'转移性收入','各类农业补贴',325.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(548,89,'生产经营性收入','种植业',22058.96,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(549,89,'生产经营性支出','种植业',8823.58,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(550,89,'工资性收入','务工收入',12289.99,0,'李军 广东省东莞市农业合作社');
INSERT INTO "income_item" VALUES(551,89,'工资性收入','务工收入',12289.99,0,'吴琴珍 福建省泉州市建筑工地');
INSERT INTO "income_item" VALUES(552,90,'转移性收入','养老金',3360.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(553,90,'转移性收入','各类农业补贴',325.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(554,90,'财产性收入','资产收益分红',300.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(555,90,'生产经营性收入','养殖业',19440.64,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(556,90,'生产经营性支出','养殖业',7776.26,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(557,90,'工资性收入','务工收入',10831.21,0,'李军 广东省东莞市农业合作社');
INSERT INTO "income_item" VALUES(558,90,'工资性收入','务工收入',10831.21,0,'吴琴珍 福建省泉州市建筑工地');
INSERT INTO "income_item" VALUES(685,111,'转移性收入','各类农业补贴',472.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(686,111,'财产性收入','资产收益分红',500.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(687,111,'生产经营性收入','种植业',29301.89,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(688,111,'生产经营性支出','种植业',11720.76,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(689,111,'工资性收入','务工收入',16325.34,0,'张俊 福建省泉州市家政公司');
INSERT INTO "income_item" VALUES(690,111,'工资性收入','务工收入',16325.34,0,'王秀敏 福建省泉州市家政公司');
INSERT INTO "income_item" VALUES(691,112,'转移性收入','各类农业补贴',472.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(692,112,'财产性收入','资产收益分红',500.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(693,112,'生产经营性收入','种植业',28604.09,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(694,112,'生产经营性支出','种植业',11441.64,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(695,112,'工资性收入','务工收入',15936.56,0,'张俊 福建省泉州市家政公司');
INSERT INTO "income_item" VALUES(696,112,'工资性收入','务工收入',15936.56,0,'王秀敏 福建省泉州市家政公司');
INSERT INTO "income_item" VALUES(697,113,'转移性收入','养老金',3360.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(698,113,'转移性收入','各类农业补贴',73.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(699,113,'财产性收入','资产收益分红',500.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(700,113,'生产经营性收入','种植业',94734.17,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(701,113,'生产经营性支出','种植业',37893.67,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(702,113,'工资性收入','零工',6315.61,0,'本地零工');
INSERT INTO "income_item" VALUES(703,114,'转移性收入','养老金',3120.0,1,'2人城乡居民养老金');
INSERT INTO "income_item" VALUES(704,114,'转移性收入','各类农业补贴',73.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(705,114,'财产性收入','资产收益分红',500.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(706,114,'生产经营性收入','种植业',81913.78,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(707,114,'生产经营性支出','种植业',32765.51,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(708,114,'工资性收入','零工',5460.92,0,'本地零工');
INSERT INTO "income_item" VALUES(843,135,'转移性收入','养老金',1560.0,1,'1人城乡居民养老金');
INSERT INTO "income_item" VALUES(844,135,'转移性收入','各类农业补贴',367.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(845,135,'转移性收入','生态补偿金',360.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(846,135,'生产经营性收入','种植业',38653.63,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(847,135,'生产经营性支出','种植业',15461.45,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(848,135,'工资性收入','务工收入',21535.59,0,'王清德 福建省泉州市服装厂');
INSERT INTO "income_item" VALUES(849,135,'工资性收入','务工收入',21535.59,0,'赵静欣 本省省会建筑工地');
INSERT INTO "income_item" VALUES(850,136,'转移性收入','养老金',1680.0,1,'1人城乡居民养老金');
INSERT INTO "income_item" VALUES(851,136,'转移性收入','各类农业补贴',367.5,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(852,136,'转移性收入','生态补偿金',360.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(853,136,'生产经营性收入','养殖业',37361.15,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(854,136,'生产经营性支出','养殖业',14944.46,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(855,136,'工资性收入','务工收入',20815.5,0,'王清德 福建省泉州市服装厂');
INSERT INTO "income_item" VALUES(856,136,'工资性收入','务工收入',20815.5,0,'赵静欣 本省省会建筑工地');
INSERT INTO "income_item" VALUES(857,137,'转移性收入','各类农业补贴',504.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(858,137,'转移性收入','生态补偿金',120.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(859,137,'财产性收入','资产收益分红',800.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(860,137,'生产经营性收入','养殖业',63145.82,0,'生猪、家禽');
INSERT INTO "income_item" VALUES(861,137,'生产经营性支出','养殖业',25258.33,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(862,137,'工资性收入','务工收入',70362.48,0,'田德 江苏省苏州市服装厂');
INSERT INTO "income_item" VALUES(863,138,'转移性收入','各类农业补贴',504.0,1,'耕地地力保护补贴');
INSERT INTO "income_item" VALUES(864,138,'转移性收入','生态补偿金',120.0,1,'退耕还林补助');
INSERT INTO "income_item" VALUES(865,138,'财产性收入','资产收益分红',500.0,0,'村集体光伏分红');
INSERT INTO "income_item" VALUES(866,138,'生产经营性收入','种植业',57815.32,0,'玉米、水稻及蔬菜');
INSERT INTO "income_item" VALUES(867,138,'生产经营性支出','种植业',23126.13,0,'种子化肥饲料等投入');
INSERT INTO "income_item" VALUES(868,138,'工资性收入','务工收入',64422.79,0,'田德 江苏省苏州市服装厂');
CREATE TABLE income_record (
	id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	people INTEGER, 
	net_income FLOAT, 
	per_capita FLOAT, 
	assessed_on DATE, 
	note TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_income_record PRIMARY KEY (id), 
	CONSTRAINT fk_income_record_household_id_household FOREIGN KEY(household_id) REFERENCES household (id) ON DELETE CASCADE, 
	CONSTRAINT uq_income_record_household_id_year UNIQUE (household_id, year)
);
INSERT INTO "income_record" VALUES(15,8,2026,NULL,48551.16,16183.72,'2026-11-10',NULL,'2026-12-02 20:27:14.579128','2026-12-02 20:27:14.579128');
INSERT INTO "income_record" VALUES(16,8,2025,NULL,45887.64,15295.88,'2025-11-10',NULL,'2026-12-02 20:27:14.579129','2026-12-02 20:27:14.579129');
INSERT INTO "income_record" VALUES(17,9,2026,NULL,35640.01,8910.0,'2026-11-10',NULL,'2026-12-02 20:27:14.579130','2026-12-02 20:27:14.579130');
INSERT INTO "income_record" VALUES(18,9,2025,NULL,35820.66,8955.17,'2025-11-10',NULL,'2026-12-02 20:27:14.579131','2026-12-02 20:27:14.579131');
INSERT INTO "income_record" VALUES(39,20,2026,NULL,17010.0,5670.0,'2026-11-10',NULL,'2026-12-02 20:27:14.579153','2026-12-02 20:27:14.579154');
INSERT INTO "income_record" VALUES(40,20,2025,NULL,51048.3,17016.1,'2025-11-10',NULL,'2026-12-02 20:27:14.579154','2026-12-02 20:27:14.579155');
INSERT INTO "income_record" VALUES(41,21,2026,NULL,41682.84,10420.71,'2026-11-10',NULL,'2026-12-02 20:27:14.579155','2026-12-02 20:27:14.579156');
INSERT INTO "income_record" VALUES(42,21,2025,NULL,41291.99,10323.0,'2025-11-10',NULL,'2026-12-02 20:27:14.579156','2026-12-02 20:27:14.579157');
INSERT INTO "income_record" VALUES(63,32,2026,NULL,34984.53,11661.51,'2026-11-10',NULL,'2026-12-02 20:27:14.579178','2026-12-02 20:27:14.579179');
INSERT INTO "income_record" VALUES(64,32,2025,NULL,33882.68,11294.23,'2025-11-10',NULL,'2026-12-02 20:27:14.579179','2026-12-02 20:27:14.579180');
INSERT INTO "income_record" VALUES(65,33,2026,NULL,41351.33,20675.67,'2026-11-10',NULL,'2026-12-02 20:27:14.579180','2026-12-02 20:27:14.579181');
INSERT INTO "income_record" VALUES(66,33,2025,NULL,35363.63,17681.81,'2025-11-10',NULL,'2026-12-02 20:27:14.579182','2026-12-02 20:27:14.579182');
INSERT INTO "income_record" VALUES(87,44,2026,NULL,68458.86,13691.77,'2026-11-10',NULL,'2026-12-02 20:27:14.579201','2026-12-02 20:27:14.579201');
INSERT INTO "income_record" VALUES(88,44,2025,NULL,68811.67,13762.33,'2025-11-10',NULL,'2026-12-02 20:27:14.579201','2026-12-02 20:27:14.579202');
INSERT INTO "income_record" VALUES(89,45,2026,NULL,41500.86,6916.81,'2026-11-10',NULL,'2026-12-02 20:27:14.579202','2026-12-02 20:27:14.579203');
INSERT INTO "income_record" VALUES(90,45,2025,NULL,37312.3,6218.72,'2025-11-10',NULL,'2026-12-02 20:27:14.579203','2026-12-02 20:27:14.579203');
INSERT INTO "income_record" VALUES(111,56,2026,NULL,51204.31,10240.86,'2026-11-10',NULL,'2026-12-02 20:27:14.579227','2026-12-02 20:27:14.579227');
INSERT INTO "income_record" VALUES(112,56,2025,NULL,50008.07,10001.61,'2025-11-10',NULL,'2026-12-02 20:27:14.579228','2026-12-02 20:27:14.579228');
INSERT INTO "income_record" VALUES(113,57,2026,NULL,67089.61,16772.4,'2026-11-10',NULL,'2026-12-02 20:27:14.579228','2026-12-02 20:27:14.579229');
INSERT INTO "income_record" VALUES(114,57,2025,NULL,58302.69,14575.67,'2025-11-10',NULL,'2026-12-02 20:27:14.579229','2026-12-02 20:27:14.579230');
INSERT INTO "income_record" VALUES(135,68,2026,NULL,68550.86,17137.72,'2026-11-10',NULL,'2026-12-02 20:27:14.579249','2026-12-02 20:27:14.579249');
INSERT INTO "income_record" VALUES(136,68,2025,NULL,66455.19,16613.8,'2025-11-10',NULL,'2026-12-02 20:27:14.579250','2026-12-02 20:27:14.579250');
INSERT INTO "income_record" VALUES(137,69,2026,NULL,109673.97,27418.49,'2026-11-10',NULL,'2026-12-02 20:27:14.579250','2026-12-02 20:27:14.579251');
INSERT INTO "income_record" VALUES(138,69,2025,NULL,100235.98,25058.99,'2025-11-10',NULL,'2026-12-02 20:27:14.579251','2026-12-02 20:27:14.579252');
CREATE TABLE kpi_snapshot (
	id INTEGER NOT NULL, 
	month VARCHAR(7) NOT NULL, 
	taken_at DATETIME NOT NULL, 
	data TEXT NOT NULL, 
	CONSTRAINT pk_kpi_snapshot PRIMARY KEY (id), 
	CONSTRAINT uq_kpi_snapshot_month UNIQUE (month)
);
INSERT INTO "kpi_snapshot" VALUES(1,'2026-01','2026-01-01 08:30:00.000000','{"households": 69, "members": 264, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 4, "below_threshold": 12, "tasks_open": 33, "tasks_closed": 1}');
INSERT INTO "kpi_snapshot" VALUES(2,'2026-02','2026-02-01 08:30:00.000000','{"households": 69, "members": 265, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 7, "below_threshold": 7, "tasks_open": 38, "tasks_closed": 2}');
INSERT INTO "kpi_snapshot" VALUES(3,'2026-03','2026-03-01 08:30:00.000000','{"households": 69, "members": 266, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 4, "below_threshold": 8, "tasks_open": 36, "tasks_closed": 3}');
INSERT INTO "kpi_snapshot" VALUES(4,'2026-04','2026-04-01 08:30:00.000000','{"households": 70, "members": 267, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 10, "below_threshold": 8, "tasks_open": 36, "tasks_closed": 4}');
INSERT INTO "kpi_snapshot" VALUES(5,'2026-05','2026-05-01 08:30:00.000000','{"households": 70, "members": 268, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 2, "below_threshold": 4, "tasks_open": 34, "tasks_closed": 5}');
INSERT INTO "kpi_snapshot" VALUES(6,'2026-06','2026-06-01 08:30:00.000000','{"households": 70, "members": 269, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 8, "below_threshold": 5, "tasks_open": 28, "tasks_closed": 6}');
INSERT INTO "kpi_snapshot" VALUES(7,'2026-07','2026-07-01 08:30:00.000000','{"households": 71, "members": 270, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 6, "below_threshold": 7, "tasks_open": 28, "tasks_closed": 7}');
INSERT INTO "kpi_snapshot" VALUES(8,'2026-08','2026-08-01 08:30:00.000000','{"households": 71, "members": 271, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 4, "below_threshold": 4, "tasks_open": 28, "tasks_closed": 8}');
INSERT INTO "kpi_snapshot" VALUES(9,'2026-09','2026-09-01 08:30:00.000000','{"households": 71, "members": 272, "out_of_poverty": 61, "monitored": 0, "eliminated": 0, "not_eliminated": 0, "脱贫不稳定户": 0, "边缘易致贫户": 0, "突发严重困难户": 0, "unpaired": 4, "below_threshold": 7, "tasks_open": 29, "tasks_closed": 9}');
INSERT INTO "kpi_snapshot" VALUES(10,'2026-10','2026-10-01 08:30:00.000000','{"households": 72, "members": 273, "out_of_poverty": 61, "monitored": 2, "eliminated": 0, "not_eliminated": 2, "脱贫不稳定户": 1, "边缘易致贫户": 1, "突发严重困难户": 0, "unpaired": 3, "below_threshold": 6, "tasks_open": 30, "tasks_closed": 10}');
INSERT INTO "kpi_snapshot" VALUES(11,'2026-11','2026-11-01 08:30:00.000000','{"households": 72, "members": 274, "out_of_poverty": 61, "monitored": 4, "eliminated": 0, "not_eliminated": 4, "脱贫不稳定户": 2, "边缘易致贫户": 2, "突发严重困难户": 0, "unpaired": 3, "below_threshold": 4, "tasks_open": 28, "tasks_closed": 11}');
INSERT INTO "kpi_snapshot" VALUES(12,'2026-12','2026-12-01 08:30:00.000000','{"households": 72, "members": 275, "out_of_poverty": 61, "monitored": 6, "eliminated": 3, "not_eliminated": 3, "脱贫不稳定户": 3, "边缘易致贫户": 3, "突发严重困难户": 0, "unpaired": 2, "below_threshold": 4, "tasks_open": 28, "tasks_closed": 12}');
CREATE TABLE measure (
	id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	member_id INTEGER, 
	category VARCHAR(20) NOT NULL, 
	item VARCHAR(60), 
	content TEXT, 
	amount FLOAT, 
	start_date DATE, 
	end_date DATE, 
	year INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_measure PRIMARY KEY (id), 
	CONSTRAINT fk_measure_household_id_household FOREIGN KEY(household_id) REFERENCES household (id) ON DELETE CASCADE, 
	CONSTRAINT fk_measure_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
);
INSERT INTO "measure" VALUES(9,9,NULL,'产业帮扶','产业奖补','发展生猪养殖、种植经果林奖补',1000.0,'2026-05-01',NULL,2026,'2026-12-02 20:27:14.567753','2026-12-02 20:27:14.567755');
INSERT INTO "measure" VALUES(10,9,NULL,'义务教育保障','教育资助','1名在校生享受营养餐及生活补助',1000.0,'2025-04-01',NULL,2025,'2026-12-02 20:27:14.567755','2026-12-02 20:27:14.567756');
INSERT INTO "measure" VALUES(27,20,NULL,'就业帮扶','务工交通补助','跨省务工一次性交通补助',1000.0,'2025-02-01',NULL,2025,'2026-12-02 20:27:14.568683','2026-12-02 20:27:14.568683');
INSERT INTO "measure" VALUES(28,21,NULL,'就业帮扶','务工交通补助','跨省务工一次性交通补助',500.0,'2026-03-01',NULL,2026,'2026-12-02 20:27:14.568684','2026-12-02 20:27:14.568684');
INSERT INTO "measure" VALUES(49,32,NULL,'就业帮扶','务工交通补助','跨省务工一次性交通补助',1000.0,'2026-03-01',NULL,2026,'2026-12-02 20:27:14.568707','2026-12-02 20:27:14.568707');
INSERT INTO "measure" VALUES(50,33,NULL,'健康帮扶','医疗救助','大病集中救治、慢病签约服务，医疗费用三重保障',800.0,'2026-01-01',NULL,2026,'2026-12-02 20:27:14.568708','2026-12-02 20:27:14.568708');
INSERT INTO "measure" VALUES(67,44,NULL,'就业帮扶','务工交通补助','跨省务工一次性交通补助',500.0,'2026-04-01',NULL,2026,'2026-12-02 20:27:14.568722','2026-12-02 20:27:14.568723');
INSERT INTO "measure" VALUES(68,44,NULL,'住房安全保障','农村危房改造','维修加固，补助资金已到位',20000.0,'2026-06-01',NULL,2026,'2026-12-02 20:27:14.568723','2026-12-02 20:27:14.568723');
INSERT INTO "measure" VALUES(69,45,NULL,'产业帮扶','产业奖补','发展生猪养殖、种植经果林奖补',3000.0,'2025-06-01',NULL,2025,'2026-12-02 20:27:14.568724','2026-12-02 20:27:14.568724');
INSERT INTO "measure" VALUES(70,45,NULL,'就业帮扶','务工交通补助','跨省务工一次性交通补助',800.0,'2025-01-01',NULL,2025,'2026-12-02 20:27:14.568725','2026-12-02 20:27:14.568725');
INSERT INTO "measure" VALUES(71,45,NULL,'金融帮扶','脱贫人口小额信贷','5万元三年期免担保免抵押贷款，财政贴息',50000.0,'2025-02-01',NULL,2025,'2026-12-02 20:27:14.568726','2026-12-02 20:27:14.568726');
INSERT INTO "measure" VALUES(72,45,NULL,'健康帮扶','医疗救助','大病集中救治、慢病签约服务，医疗费用三重保障',1500.0,'2026-04-01',NULL,2026,'2026-12-02 20:27:14.568727','2026-12-02 20:27:14.568727');
INSERT INTO "measure" VALUES(73,45,NULL,'义务教育保障','教育资助','1名在校生享受营养餐及生活补助',1000.0,'2026-05-01',NULL,2026,'2026-12-02 20:27:14.568727','2026-12-02 20:27:14.568728');
INSERT INTO "measure" VALUES(74,45,NULL,'住房安全保障','农村危房改造','维修加固，补助资金已到位',35000.0,'2026-02-01',NULL,2026,'2026-12-02 20:27:14.568728','2026-12-02 20:27:14.568728');
INSERT INTO "measure" VALUES(88,56,NULL,'产业帮扶','产业奖补','发展生猪养殖、种植经果林奖补',2000.0,'2026-06-01',NULL,2026,'2026-12-02 20:27:14.570263','2026-12-02 20:27:14.570263');
INSERT INTO "measure" VALUES(89,56,NULL,'就业帮扶','务工交通补助','跨省务工一次性交通补助',500.0,'2025-02-01',NULL,2025,'2026-12-02 20:27:14.570264','2026-12-02 20:27:14.570264');
INSERT INTO "measure" VALUES(90,56,NULL,'健康帮扶','医疗救助','大病集中救治、慢病签约服务，医疗费用三重保障',3000.0,'2025-01-01',NULL,2025,'2026-12-02 20:27:14.570265','2026-12-02 20:27:14.570265');
INSERT INTO "measure" VALUES(112,68,NULL,'产业帮扶','产业奖补','发展生猪养殖、种植经果林奖补',3000.0,'2025-01-01',NULL,2025,'2026-12-02 20:27:14.570282','2026-12-02 20:27:14.570283');
INSERT INTO "measure" VALUES(113,68,NULL,'义务教育保障','教育资助','1名在校生享受营养餐及生活补助',1000.0,'2026-01-01',NULL,2026,'2026-12-02 20:27:14.570283','2026-12-02 20:27:14.570283');
INSERT INTO "measure" VALUES(114,68,NULL,'住房安全保障','农村危房改造','拆除重建，补助资金已到位',12000.0,'2026-03-01',NULL,2026,'2026-12-02 20:27:14.570284','2026-12-02 20:27:14.570284');
INSERT INTO "measure" VALUES(115,69,NULL,'产业帮扶','产业奖补','发展生猪养殖、种植经果林奖补',1000.0,'2026-06-01',NULL,2026,'2026-12-02 20:27:14.570285','2026-12-02 20:27:14.570285');
INSERT INTO "measure" VALUES(116,69,NULL,'健康帮扶','医疗救助','大病集中救治、慢病签约服务，医疗费用三重保障',1500.0,'2025-01-01',NULL,2025,'2026-12-02 20:27:14.570285','2026-12-02 20:27:14.570286');
INSERT INTO "measure" VALUES(117,69,NULL,'义务教育保障','教育资助','1名在校生享受营养餐及生活补助',1000.0,'2025-05-01',NULL,2025,'2026-12-02 20:27:14.570286','2026-12-02 20:27:14.570286');
CREATE TABLE member (
	id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	person_number VARCHAR(40), 
	name VARCHAR(40) NOT NULL, 
	sex VARCHAR(2), 
	birth_date DATE, 
	id_type VARCHAR(10) NOT NULL, 
	id_number VARCHAR(20), 
	ethnicity VARCHAR(20), 
	relation VARCHAR(20), 
	political_status VARCHAR(20), 
	education VARCHAR(20), 
	school_status VARCHAR(20), 
	health VARCHAR(20), 
	disability_category VARCHAR(20), 
	disability_grade VARCHAR(10), 
	labour_skill VARCHAR(20), 
	work_status VARCHAR(20), 
	work_place VARCHAR(100), 
	work_months FLOAT, 
	work_company VARCHAR(100), 
	work_abroad BOOLEAN, 
	public_post VARCHAR(20), 
	public_post_months FLOAT, 
	ins_resident_medical BOOLEAN, 
	ins_employee_medical BOOLEAN, 
	ins_critical_illness BOOLEAN, 
	ins_commercial BOOLEAN, 
	pension_resident BOOLEAN, 
	pension_employee BOOLEAN, 
	dibao BOOLEAN, 
	tekun BOOLEAN, 
	dropout_reason VARCHAR(60), 
	phone VARCHAR(40), 
	status VARCHAR(10) NOT NULL, 
	removed_on DATE, 
	removed_reason VARCHAR(60), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_member PRIMARY KEY (id), 
	CONSTRAINT ck_member_status CHECK (status IN ('在册', '自然减少')), 
	CONSTRAINT fk_member_household_id_household FOREIGN KEY(household_id) REFERENCES household (id)
);
INSERT INTO "member" VALUES(25,8,0,'5224251080080000101','朱慧华','女','1973-10-15','身份证','522425197310159207','土家族','户主','群众','小学',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'17774285591','在册',NULL,NULL,'2026-12-02 20:27:14.516663','2026-12-02 20:27:14.516663');
INSERT INTO "member" VALUES(26,8,1,'5224251080080000102','彭俊国','男','1974-09-18','身份证','522425197409180970','汉族','配偶','群众','小学',NULL,'健康',NULL,NULL,'普通劳动力','省外务工','本省省会',11.0,'建筑工地',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.517055','2026-12-02 20:27:14.517058');
INSERT INTO "member" VALUES(27,8,2,'5224251080080000103','朱珍娟','女','2005-06-16','身份证','52242520050616888X','汉族','之女','群众',NULL,'本科四年级','健康',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.517256','2026-12-02 20:27:14.517258');
INSERT INTO "member" VALUES(28,9,0,'5224251080090000101','罗婷霞','女','1992-12-23','身份证','522426199212230802','汉族','户主','群众','小学',NULL,'残疾','肢体残疾','四级','弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,1,1,0,0,0,NULL,'13808075560','在册',NULL,NULL,'2026-12-02 20:27:14.518267','2026-12-02 20:27:14.518270');
INSERT INTO "member" VALUES(29,9,1,'5224251080090000102','杨宇宇','男','1992-04-06','身份证','522425199204068335','汉族','配偶','群众','初中',NULL,'健康',NULL,NULL,'普通劳动力','县外省内务工','福建省泉州市',11.0,'物流公司',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'17267599399','在册',NULL,NULL,'2026-12-02 20:27:14.518742','2026-12-02 20:27:14.518744');
INSERT INTO "member" VALUES(30,9,2,'5224251080090000103','罗英娟','女','1971-10-21','身份证','522425197110215761','汉族','之母','群众','初中',NULL,'健康',NULL,NULL,'普通劳动力','乡(镇)内务工','浙江省宁波市',10.0,'电子厂',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.518919','2026-12-02 20:27:14.518920');
INSERT INTO "member" VALUES(31,9,3,'5224251080090000104','罗敏桂','女','2017-01-05','身份证','522425201701055527','汉族','之女','群众',NULL,'小学','健康',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.519063','2026-12-02 20:27:14.519064');
INSERT INTO "member" VALUES(72,20,0,'5224251080080000201','杨丽静','女','1972-03-23','身份证','522425197203234988','汉族','户主','群众','初中',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13030023137','在册',NULL,NULL,'2026-12-02 20:27:14.527177','2026-12-02 20:27:14.527179');
INSERT INTO "member" VALUES(73,20,1,'5224251080080000202','陈斌明','男','1972-08-12','身份证','522426197208124370','汉族','配偶','群众','文盲或半文盲',NULL,'健康',NULL,NULL,'普通劳动力','省外务工','广东省东莞市',7.0,'物流公司',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13595093652','在册',NULL,NULL,'2026-12-02 20:27:14.527302','2026-12-02 20:27:14.527303');
INSERT INTO "member" VALUES(74,45,6,'5224251080080000203','杨英英','女','2001-11-30','身份证','522425200111303821','彝族','之儿媳','群众','小学',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.527420','2026-12-02 20:27:16.188171');
INSERT INTO "member" VALUES(75,21,0,'5224251080090000201','马华祥','男','1993-01-26','身份证','522425199301262279','汉族','户主','群众','高中',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'15572547279','在册',NULL,NULL,'2026-12-02 20:27:14.527532','2026-12-02 20:27:14.527533');
INSERT INTO "member" VALUES(76,21,1,'5224251080090000202','刘凤','女','1992-01-16','身份证','522426199201165785','汉族','配偶','群众','高中',NULL,'健康',NULL,NULL,'普通劳动力','乡(镇)外县内务工','广东省东莞市',9.0,'家政公司',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'19752456488','在册',NULL,NULL,'2026-12-02 20:27:14.527650','2026-12-02 20:27:14.527654');
INSERT INTO "member" VALUES(77,21,2,'5224251080090000203','马福林','男','2024-05-02','身份证','522425202405024739','汉族','之子','群众',NULL,'学龄前儿童','健康',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.527795','2026-12-02 20:27:14.527796');
INSERT INTO "member" VALUES(78,21,3,'5224251080090000204','马萍','女','2023-03-16','身份证','52242520230316620X','汉族','之女','群众',NULL,'学前教育','健康',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.527796','2026-12-02 20:27:14.527797');
INSERT INTO "member" VALUES(113,32,0,'5224251080080000301','李斌勇','男','1968-08-01','身份证','522425196808011993','汉族','户主','中共党员','小学',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'17944796528','在册',NULL,NULL,'2026-12-02 20:27:14.535669','2026-12-02 20:27:14.535671');
INSERT INTO "member" VALUES(114,32,1,'5224251080080000302','杨丽静','女','1966-05-12','身份证','522425196605125325','汉族','配偶','群众','文盲或半文盲',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13949145691','在册',NULL,NULL,'2026-12-02 20:27:14.535671','2026-12-02 20:27:14.535672');
INSERT INTO "member" VALUES(115,32,2,'5224251080080000303','李浩富','男','1999-07-08','身份证','520222199907088576','汉族','之子','共青团员','初中',NULL,'残疾','精神残疾','三级','普通劳动力','省外务工','本镇工业园',6.0,'服装厂',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.536873','2026-12-02 20:27:14.536876');
INSERT INTO "member" VALUES(116,33,0,'5224251080090000301','王贵杰','男','1958-07-11','身份证','522425195807112739','布依族','户主','群众','初中',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13998379689','在册',NULL,NULL,'2026-12-02 20:27:14.537387','2026-12-02 20:27:14.537389');
INSERT INTO "member" VALUES(117,33,1,'5224251080090000302','龙凤芳','女','1962-08-11','身份证','52242519620811688X','汉族','配偶','群众','小学',NULL,'长期慢性病',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'19434525126','在册',NULL,NULL,'2026-12-02 20:27:14.537390','2026-12-02 20:27:14.537390');
INSERT INTO "member" VALUES(160,44,0,'5224251080080000401','王俊强','男','1966-04-18','身份证','52242419660418129X','汉族','户主','群众','小学',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,0,0,1,1,0,0,0,NULL,'18643539066','在册',NULL,NULL,'2026-12-02 20:27:14.545789','2026-12-02 20:27:14.545790');
INSERT INTO "member" VALUES(161,44,1,'5224251080080000402','周萍','女','1964-06-21','身份证','522425196406212143','土家族','配偶','群众','小学',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'18102621550','在册',NULL,NULL,'2026-12-02 20:27:14.545790','2026-12-02 20:27:14.545791');
INSERT INTO "member" VALUES(162,44,2,'5224251080080000403','王勇','男','1994-09-16','身份证','522425199409160792','汉族','之子','群众','初中',NULL,'健康',NULL,NULL,'普通劳动力','省外务工','福建省泉州市',7.0,'家政公司',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13714989405','在册',NULL,NULL,'2026-12-02 20:27:14.545956','2026-12-02 20:27:14.545958');
INSERT INTO "member" VALUES(163,44,3,'5224251080080000404','黄琴华','女','1997-07-10','身份证','52242419970710520X','汉族','之儿媳','群众','高中',NULL,'健康',NULL,NULL,'普通劳动力','乡(镇)内务工','广东省东莞市',11.0,'农业合作社',0,NULL,NULL,1,0,1,1,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.546087','2026-12-02 20:27:14.546088');
INSERT INTO "member" VALUES(164,44,4,'5224251080080000405','王凤','女','2021-03-22','身份证','522425202103224487','汉族','之孙女','群众',NULL,'学前教育','健康',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.546245','2026-12-02 20:27:14.546246');
INSERT INTO "member" VALUES(165,45,0,'5224251080090000401','李永伟','男','1962-03-19','身份证','522425196203199938','汉族','户主','群众','初中',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13847078316','在册',NULL,NULL,'2026-12-02 20:27:14.546382','2026-12-02 20:27:14.546383');
INSERT INTO "member" VALUES(166,45,1,'5224251080090000402','赵雪云','女','1963-09-17','身份证','52242619630917986X','汉族','配偶','群众','初中',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'15241191221','在册',NULL,NULL,'2026-12-02 20:27:14.546384','2026-12-02 20:27:14.546384');
INSERT INTO "member" VALUES(167,45,2,'5224251080090000403','李军','男','1993-07-31','身份证','522425199307315992','汉族','之子','群众','高中',NULL,'健康',NULL,NULL,'普通劳动力','县外省内务工','广东省东莞市',11.0,'农业合作社',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.546591','2026-12-02 20:27:14.546593');
INSERT INTO "member" VALUES(168,45,3,'5224251080090000404','李兴','男','1991-04-03','身份证','522425199104030372','汉族','之子','群众','初中',NULL,'长期慢性病',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13183081762','在册',NULL,NULL,'2026-12-02 20:27:14.546726','2026-12-02 20:27:14.546727');
INSERT INTO "member" VALUES(169,45,4,'5224251080090000405','吴琴珍','女','1993-04-30','身份证','520222199304307768','汉族','之儿媳','群众','小学',NULL,'健康',NULL,NULL,'普通劳动力','省外务工','福建省泉州市',6.0,'建筑工地',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.546834','2026-12-02 20:27:14.546835');
INSERT INTO "member" VALUES(170,45,5,'5224251080090000406','李勇','男','2020-04-29','身份证','522425202004297533','汉族','之孙子','群众',NULL,'小学','健康',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,1,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.546939','2026-12-02 20:27:14.546940');
INSERT INTO "member" VALUES(200,56,0,'5224251080080000501','张俊','男','1969-11-18','身份证','52242519691118151X','汉族','户主','群众','小学',NULL,'健康',NULL,NULL,'普通劳动力','乡(镇)外县内务工','福建省泉州市',4.0,'家政公司',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'19747570255','在册',NULL,NULL,'2026-12-02 20:27:14.550083','2026-12-02 20:27:14.550084');
INSERT INTO "member" VALUES(201,56,1,'5224251080080000502','王秀敏','女','1973-02-21','身份证','52242519730221398X','布依族','配偶','群众','小学',NULL,'长期慢性病',NULL,NULL,'普通劳动力','乡(镇)外县内务工','福建省泉州市',9.0,'家政公司',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'15052344761','在册',NULL,NULL,'2026-12-02 20:27:14.550084','2026-12-02 20:27:14.550085');
INSERT INTO "member" VALUES(202,56,2,'5224251080080000503','张晨海','男','1994-02-08','身份证','520222199402085599','彝族','之子','群众','初中',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'19722353449','在册',NULL,NULL,'2026-12-02 20:27:14.550226','2026-12-02 20:27:14.550227');
INSERT INTO "member" VALUES(203,56,3,'5224251080080000504','陈慧翠','女','1995-11-23','身份证','520222199511238929','汉族','之儿媳','群众','高中',NULL,'健康',NULL,NULL,'技能劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.550335','2026-12-02 20:27:14.550336');
INSERT INTO "member" VALUES(204,56,4,'5224251080080000505','张国永','男','2021-05-05','身份证','522425202105057352','汉族','之孙子','群众',NULL,'学前教育','患有大病',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.550446','2026-12-02 20:27:14.550447');
INSERT INTO "member" VALUES(205,57,0,'5224251080090000501','张清涛','男','1960-05-22','身份证','522425196005222332','土家族','户主','群众','小学',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'15817575245','在册',NULL,NULL,'2026-12-02 20:27:14.550549','2026-12-02 20:27:14.550550');
INSERT INTO "member" VALUES(206,57,1,'5224251080090000502','陈雪萍','女','1960-01-15','身份证','522426196001158202','布依族','配偶','群众','文盲或半文盲',NULL,'健康',NULL,NULL,'弱劳动力或半劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.550674','2026-12-02 20:27:14.550676');
INSERT INTO "member" VALUES(207,57,2,'5224251080090000503','张静红','女','1982-11-13','身份证','520222198211138008','汉族','之女','群众','高中',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.550676','2026-12-02 20:27:14.550677');
INSERT INTO "member" VALUES(208,57,3,'5224251080090000504','张伟','男','1984-05-27','身份证','522426198405275770','彝族','之子','群众','高中',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'19216558449','在册',NULL,NULL,'2026-12-02 20:27:14.550829','2026-12-02 20:27:14.550830');
INSERT INTO "member" VALUES(259,68,0,'5224251080080000601','王清德','男','1984-07-08','身份证','520222198407089199','汉族','户主','群众','大专',NULL,'健康',NULL,NULL,'普通劳动力','省外务工','福建省泉州市',8.0,'服装厂',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'19629612896','在册',NULL,NULL,'2026-12-02 20:27:14.557165','2026-12-02 20:27:14.557167');
INSERT INTO "member" VALUES(260,68,1,'5224251080080000602','赵静欣','女','1980-11-13','身份证','52022219801113140X','彝族','配偶','群众','初中',NULL,'健康',NULL,NULL,'普通劳动力','省外务工','本省省会',12.0,'建筑工地',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'17705462793','在册',NULL,NULL,'2026-12-02 20:27:14.557167','2026-12-02 20:27:14.557168');
INSERT INTO "member" VALUES(261,68,2,'5224251080080000603','王莲莲','女','1954-10-23','身份证','522426195410232042','汉族','之母','群众','小学',NULL,'健康',NULL,NULL,'丧失劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'17336299771','在册',NULL,NULL,'2026-12-02 20:27:14.557342','2026-12-02 20:27:14.557344');
INSERT INTO "member" VALUES(262,68,3,'5224251080080000604','王英萍','女','2014-05-01','身份证','522424201405011769','汉族','之女','群众',NULL,'七年级','健康',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.557454','2026-12-02 20:27:14.557455');
INSERT INTO "member" VALUES(263,69,0,'5224251080090000601','田德','男','1989-12-01','身份证','52242419891201007X','汉族','户主','群众','初中',NULL,'健康',NULL,NULL,'普通劳动力','乡(镇)外县内务工','江苏省苏州市',11.0,'服装厂',0,NULL,NULL,1,0,1,0,1,0,0,0,NULL,'13697075906','在册',NULL,NULL,'2026-12-02 20:27:14.557562','2026-12-02 20:27:14.557563');
INSERT INTO "member" VALUES(264,69,1,'5224251080090000602','张凤','女','1994-04-05','身份证','522425199404058342','汉族','配偶','群众','大专',NULL,'健康',NULL,NULL,'普通劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,1,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.558071','2026-12-02 20:27:14.558073');
INSERT INTO "member" VALUES(265,69,2,'5224251080090000603','田莲雪','女','2015-11-30','身份证','522426201511309502','汉族','之女','群众',NULL,'小学','长期慢性病',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.558179','2026-12-02 20:27:14.558180');
INSERT INTO "member" VALUES(266,69,3,'5224251080090000604','田婷敏','女','2014-03-15','身份证','522425201403159643','汉族','之女','群众','小学',NULL,'长期慢性病',NULL,NULL,'无劳动力',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,0,1,0,0,0,0,0,NULL,NULL,'在册',NULL,NULL,'2026-12-02 20:27:14.558262','2026-12-02 20:27:14.558262');
CREATE TABLE member_move (
	id INTEGER NOT NULL, 
	member_id INTEGER NOT NULL, 
	from_household_id INTEGER NOT NULL, 
	to_household_id INTEGER NOT NULL, 
	moved_on DATE NOT NULL, 
	reason VARCHAR(60), 
	CONSTRAINT pk_member_move PRIMARY KEY (id), 
	CONSTRAINT fk_member_move_from_household_id_household FOREIGN KEY(from_household_id) REFERENCES household (id), 
	CONSTRAINT fk_member_move_member_id_member FOREIGN KEY(member_id) REFERENCES member (id), 
	CONSTRAINT fk_member_move_to_household_id_household FOREIGN KEY(to_household_id) REFERENCES household (id)
);
INSERT INTO "member_move" VALUES(1,74,20,45,'2026-10-08','婚嫁迁入');
CREATE TABLE pairing (
	id INTEGER NOT NULL, 
	helper_id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	start_date DATE NOT NULL, 
	end_date DATE, 
	end_reason VARCHAR(100), 
	CONSTRAINT pk_pairing PRIMARY KEY (id), 
	CONSTRAINT fk_pairing_helper_id_helper FOREIGN KEY(helper_id) REFERENCES helper (id), 
	CONSTRAINT fk_pairing_household_id_household FOREIGN KEY(household_id) REFERENCES household (id)
);
INSERT INTO "pairing" VALUES(48,50,8,'2021-09-01',NULL,NULL);
INSERT INTO "pairing" VALUES(49,50,20,'2021-09-01',NULL,NULL);
INSERT INTO "pairing" VALUES(50,50,32,'2023-09-01',NULL,NULL);
INSERT INTO "pairing" VALUES(51,50,44,'2023-06-01',NULL,NULL);
INSERT INTO "pairing" VALUES(52,50,56,'2021-12-01',NULL,NULL);
INSERT INTO "pairing" VALUES(53,57,9,'2022-12-01',NULL,NULL);
INSERT INTO "pairing" VALUES(54,58,21,'2019-08-01','2024-04-30','岗位调整');
INSERT INTO "pairing" VALUES(55,57,21,'2024-05-01',NULL,NULL);
INSERT INTO "pairing" VALUES(56,57,33,'2024-09-01',NULL,NULL);
INSERT INTO "pairing" VALUES(57,57,45,'2021-03-01',NULL,NULL);
INSERT INTO "pairing" VALUES(58,57,57,'2024-12-01',NULL,NULL);
INSERT INTO "pairing" VALUES(59,58,69,'2025-01-01',NULL,NULL);
CREATE TABLE program_membership (
	id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	member_id INTEGER, 
	program VARCHAR(20) NOT NULL, 
	category VARCHAR(20), 
	start_date DATE NOT NULL, 
	end_date DATE, 
	end_reason VARCHAR(60), 
	CONSTRAINT pk_program_membership PRIMARY KEY (id), 
	CONSTRAINT fk_program_membership_household_id_household FOREIGN KEY(household_id) REFERENCES household (id) ON DELETE CASCADE, 
	CONSTRAINT fk_program_membership_member_id_member FOREIGN KEY(member_id) REFERENCES member (id)
);
INSERT INTO "program_membership" VALUES(8,9,NULL,'脱贫户',NULL,'2014-09-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(20,20,NULL,'脱贫户',NULL,'2014-08-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(21,20,NULL,'监测对象','边缘易致贫户','2024-03-01','2024-12-01','风险消除');
INSERT INTO "program_membership" VALUES(22,21,NULL,'脱贫户',NULL,'2014-03-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(33,32,NULL,'脱贫户',NULL,'2014-05-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(34,33,NULL,'脱贫户',NULL,'2014-08-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(43,44,NULL,'脱贫户',NULL,'2014-03-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(44,45,NULL,'脱贫户',NULL,'2014-03-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(45,45,NULL,'监测对象','脱贫不稳定户','2025-03-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(55,56,NULL,'脱贫户',NULL,'2014-07-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(56,57,NULL,'脱贫户',NULL,'2014-08-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(68,68,NULL,'脱贫户',NULL,'2014-09-01',NULL,NULL);
INSERT INTO "program_membership" VALUES(69,69,NULL,'脱贫户',NULL,'2014-06-01',NULL,NULL);
CREATE TABLE setting (
	"key" VARCHAR(60) NOT NULL, 
	value TEXT NOT NULL, 
	CONSTRAINT pk_setting PRIMARY KEY ("key")
);
INSERT INTO "setting" VALUES('township','"清水镇"');
INSERT INTO "setting" VALUES('county','"云岭县"');
INSERT INTO "setting" VALUES('province','"示范省"');
INSERT INTO "setting" VALUES('threshold_region','"示范省"');
CREATE TABLE task (
	id INTEGER NOT NULL, 
	seq INTEGER NOT NULL, 
	source VARCHAR(40) NOT NULL, 
	category VARCHAR(20) NOT NULL, 
	description TEXT NOT NULL, 
	scope VARCHAR(200), 
	village_id INTEGER, 
	measures TEXT, 
	target TEXT, 
	leader VARCHAR(60), 
	lead_unit VARCHAR(100), 
	unit VARCHAR(100), 
	person VARCHAR(60), 
	deadline DATE NOT NULL, 
	progress TEXT, 
	result TEXT, 
	status VARCHAR(10) NOT NULL, 
	closed_on DATE, 
	supervised BOOLEAN NOT NULL, 
	found_on DATE, 
	finding_rule VARCHAR(20), 
	created_by VARCHAR(60), 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_task PRIMARY KEY (id), 
	CONSTRAINT ck_task_status CHECK (status IN ('待整改', '整改中', '待验收', '已销号')), 
	CONSTRAINT fk_task_village_id_area FOREIGN KEY(village_id) REFERENCES area (id)
);
INSERT INTO "task" VALUES(1,1,'审计','监测帮扶','新寨村杨丽静户家庭收入骤减，未及时纳入监测','新寨村 杨丽静户',53,'入户核实，按程序纳入监测并落实帮扶','应纳尽纳','副镇长 李明华','镇乡村振兴办','镇中心学校','李雪云','2026-11-27',NULL,NULL,'待整改',NULL,0,'2026-10-02',NULL,'示范数据','2026-10-02 09:00:00.000000','2026-12-02 20:27:14.687606');
INSERT INTO "task" VALUES(4,4,'审计','就业帮扶','新寨村有劳动力的监测户未实现稳定就业','新寨村',53,'开展技能培训，推荐就业岗位','有劳动力的监测户至少1人就业','副镇长 李明华','镇乡村振兴办','镇财政所','赵建贵','2026-12-22',NULL,NULL,'待整改',NULL,0,'2026-05-15',NULL,'示范数据','2026-05-15 09:00:00.000000','2026-12-02 20:27:14.687611');
INSERT INTO "task" VALUES(5,5,'审计','饮水安全','马鞍村部分农户旱季供水不稳定，供水保证率不达标','马鞍村',62,'新建蓄水池一座，更换老化管网','全村供水保证率达标','镇党委委员 张建国','镇乡村振兴办','镇农业服务中心','陈清','2026-11-27',NULL,NULL,'待整改',NULL,0,'2026-08-25',NULL,'示范数据','2026-08-25 09:00:00.000000','2026-12-02 20:27:14.687612');
INSERT INTO "task" VALUES(11,11,'中央巡视/回头看','档案信息','马鞍村罗婷霞户家庭成员证件号码与户籍信息不符','马鞍村 罗婷霞户',62,'到派出所核实身份信息并更正系统数据','信息准确','副镇长 李明华','镇乡村振兴办','镇卫生院','田成建','2027-01-08','已制定整改方案，完成60%',NULL,'整改中',NULL,1,'2026-03-31',NULL,'示范数据','2026-03-31 09:00:00.000000','2026-12-02 20:27:14.689331');
INSERT INTO "task" VALUES(15,15,'审计','饮水安全','马鞍村部分农户旱季供水不稳定，供水保证率不达标','马鞍村',62,'新建蓄水池一座，更换老化管网','全村供水保证率达标','副镇长 李明华','镇乡村振兴办','镇农业服务中心','张浩','2026-12-27','已完成入户核实，正在落实措施',NULL,'整改中',NULL,0,'2026-03-20',NULL,'示范数据','2026-03-20 09:00:00.000000','2026-12-02 20:27:14.689333');
INSERT INTO "task" VALUES(29,29,'国家成效考核','资金项目','新寨村衔接资金项目进度滞后，资金支付率低于60%','新寨村',53,'倒排工期，加快项目建设和资金支付','按期完工，资金支付到位','镇党委副书记 王志强','镇乡村振兴办','镇卫生院','杨荣兴','2026-09-01','整改完成','已按整改措施完成整改，经验收合格。','已销号','2026-06-07',0,'2026-05-18',NULL,'示范数据','2026-05-18 09:00:00.000000','2026-12-02 20:27:14.691396');
INSERT INTO "task" VALUES(32,32,'国家成效考核','工作作风','新寨村帮扶干部走访不实，走访记录内容雷同','新寨村',53,'重新组织入户走访，如实填写看问算核','走访记录真实规范','副镇长 李明华','镇乡村振兴办','镇社会事务办','周红','2026-08-10','整改完成','已按整改措施完成整改，经验收合格。','已销号','2026-07-25',0,'2026-07-01',NULL,'示范数据','2026-07-01 09:00:00.000000','2026-12-02 20:27:14.691402');
INSERT INTO "task" VALUES(35,35,'第三方评估','住房安全','新寨村王俊强户住房经鉴定为C级危房，尚未纳入改造计划','新寨村 王俊强户',53,'纳入年度危房改造计划，完成维修加固','住房安全有保障','镇人大主席 杨德贵','镇乡村振兴办','镇卫生院','陈秀兰','2026-07-19','整改完成','已按整改措施完成整改，经验收合格。','已销号','2026-06-06',0,'2026-05-10',NULL,'示范数据','2026-05-10 09:00:00.000000','2026-12-02 20:27:14.691404');
INSERT INTO "task" VALUES(37,37,'第三方评估','档案信息','新寨村部分明白卡信息与系统数据不一致','新寨村',53,'逐户核对更新明白卡，做到机账卡实一致','信息一致','镇党委副书记 王志强','镇乡村振兴办','镇中心学校','余雪','2026-11-10','整改完成','已按整改措施完成整改，经验收合格。','已销号','2026-05-13',0,'2026-04-13',NULL,'示范数据','2026-04-13 09:00:00.000000','2026-12-02 20:27:14.691405');
INSERT INTO "task" VALUES(38,38,'省级考核','档案信息','新寨村部分明白卡信息与系统数据不一致','新寨村',53,'逐户核对更新明白卡，做到机账卡实一致','信息一致','副镇长 李明华','镇乡村振兴办','镇中心学校','赵珍凤','2026-09-22','整改完成','已按整改措施完成整改，经验收合格。','已销号','2026-07-28',0,'2026-06-30',NULL,'示范数据','2026-06-30 09:00:00.000000','2026-12-02 20:27:14.691405');
INSERT INTO "task" VALUES(40,40,'乡镇自查/大排查','饮水安全','新寨村部分农户旱季供水不稳定，供水保证率不达标','新寨村',53,'新建蓄水池一座，更换老化管网','全村供水保证率达标','镇党委委员 张建国','镇乡村振兴办','镇中心学校','马桂玉','2026-09-30','整改完成','已按整改措施完成整改，经验收合格。','已销号','2026-08-14',0,'2026-07-24',NULL,'示范数据','2026-07-24 09:00:00.000000','2026-12-02 20:27:14.691406');
CREATE TABLE task_deadline_change (
	id INTEGER NOT NULL, 
	task_id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_name VARCHAR(60) NOT NULL, 
	old_deadline DATE NOT NULL, 
	new_deadline DATE NOT NULL, 
	reason TEXT NOT NULL, 
	CONSTRAINT pk_task_deadline_change PRIMARY KEY (id), 
	CONSTRAINT fk_task_deadline_change_task_id_task FOREIGN KEY(task_id) REFERENCES task (id) ON DELETE CASCADE
);
INSERT INTO "task_deadline_change" VALUES(1,1,'2026-10-18 15:00:00.000000','示范数据','2026-10-20','2026-11-27','涉及项目建设周期，申请持续整改');
INSERT INTO "task_deadline_change" VALUES(3,11,'2026-12-10 15:00:00.000000','示范数据','2026-12-12','2027-01-08','涉及项目建设周期，申请持续整改');
CREATE TABLE task_event (
	id INTEGER NOT NULL, 
	task_id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_name VARCHAR(60) NOT NULL, 
	from_status VARCHAR(10), 
	to_status VARCHAR(10) NOT NULL, 
	note TEXT, 
	CONSTRAINT pk_task_event PRIMARY KEY (id), 
	CONSTRAINT fk_task_event_task_id_task FOREIGN KEY(task_id) REFERENCES task (id) ON DELETE CASCADE
);
INSERT INTO "task_event" VALUES(1,1,'2026-10-02 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(4,4,'2026-05-15 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(5,5,'2026-08-25 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(13,11,'2026-03-31 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(14,11,'2026-04-10 09:00:00.000000','田成建','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(21,15,'2026-03-20 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(22,15,'2026-03-28 09:00:00.000000','张浩','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(55,29,'2026-05-18 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(56,29,'2026-05-24 09:00:00.000000','杨荣兴','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(57,29,'2026-05-29 09:00:00.000000','杨荣兴','整改中','待验收','整改完成，申请验收');
INSERT INTO "task_event" VALUES(58,29,'2026-06-07 09:00:00.000000','杨荣兴','待验收','已销号','验收通过，予以销号');
INSERT INTO "task_event" VALUES(67,32,'2026-07-01 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(68,32,'2026-07-07 09:00:00.000000','周红','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(69,32,'2026-07-20 09:00:00.000000','周红','整改中','待验收','整改完成，申请验收');
INSERT INTO "task_event" VALUES(70,32,'2026-07-25 09:00:00.000000','周红','待验收','已销号','验收通过，予以销号');
INSERT INTO "task_event" VALUES(79,35,'2026-05-10 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(80,35,'2026-05-17 09:00:00.000000','陈秀兰','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(81,35,'2026-05-28 09:00:00.000000','陈秀兰','整改中','待验收','整改完成，申请验收');
INSERT INTO "task_event" VALUES(82,35,'2026-06-06 09:00:00.000000','陈秀兰','待验收','已销号','验收通过，予以销号');
INSERT INTO "task_event" VALUES(87,37,'2026-04-13 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(88,37,'2026-04-25 09:00:00.000000','余雪','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(89,37,'2026-05-02 09:00:00.000000','余雪','整改中','待验收','整改完成，申请验收');
INSERT INTO "task_event" VALUES(90,37,'2026-05-13 09:00:00.000000','余雪','待验收','已销号','验收通过，予以销号');
INSERT INTO "task_event" VALUES(91,38,'2026-06-30 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(92,38,'2026-07-13 09:00:00.000000','赵珍凤','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(93,38,'2026-07-22 09:00:00.000000','赵珍凤','整改中','待验收','整改完成，申请验收');
INSERT INTO "task_event" VALUES(94,38,'2026-07-28 09:00:00.000000','赵珍凤','待验收','已销号','验收通过，予以销号');
INSERT INTO "task_event" VALUES(99,40,'2026-07-24 09:00:00.000000','示范数据',NULL,'待整改','建立整改任务');
INSERT INTO "task_event" VALUES(100,40,'2026-08-06 09:00:00.000000','马桂玉','待整改','整改中','开始整改');
INSERT INTO "task_event" VALUES(101,40,'2026-08-09 09:00:00.000000','马桂玉','整改中','待验收','整改完成，申请验收');
INSERT INTO "task_event" VALUES(102,40,'2026-08-14 09:00:00.000000','马桂玉','待验收','已销号','验收通过，予以销号');
CREATE TABLE task_evidence (
	id INTEGER NOT NULL, 
	task_id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_name VARCHAR(60) NOT NULL, 
	text TEXT, 
	file_name VARCHAR(255), 
	stored_path VARCHAR(400), 
	sha256 VARCHAR(64), 
	CONSTRAINT pk_task_evidence PRIMARY KEY (id), 
	CONSTRAINT fk_task_evidence_task_id_task FOREIGN KEY(task_id) REFERENCES task (id) ON DELETE CASCADE
);
INSERT INTO "task_evidence" VALUES(1,29,'2026-06-07 09:00:00.000000','杨荣兴','验收表、整改前后照片已归档（纸质档案第29号）',NULL,NULL,NULL);
INSERT INTO "task_evidence" VALUES(4,32,'2026-07-25 09:00:00.000000','周红','验收表、整改前后照片已归档（纸质档案第32号）',NULL,NULL,NULL);
INSERT INTO "task_evidence" VALUES(7,35,'2026-06-06 09:00:00.000000','陈秀兰','验收表、整改前后照片已归档（纸质档案第35号）',NULL,NULL,NULL);
INSERT INTO "task_evidence" VALUES(9,37,'2026-05-13 09:00:00.000000','余雪','验收表、整改前后照片已归档（纸质档案第37号）',NULL,NULL,NULL);
INSERT INTO "task_evidence" VALUES(10,38,'2026-07-28 09:00:00.000000','赵珍凤','验收表、整改前后照片已归档（纸质档案第38号）',NULL,NULL,NULL);
INSERT INTO "task_evidence" VALUES(12,40,'2026-08-14 09:00:00.000000','马桂玉','验收表、整改前后照片已归档（纸质档案第40号）',NULL,NULL,NULL);
CREATE TABLE task_household (
	id INTEGER NOT NULL, 
	task_id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	CONSTRAINT pk_task_household PRIMARY KEY (id), 
	CONSTRAINT fk_task_household_household_id_household FOREIGN KEY(household_id) REFERENCES household (id), 
	CONSTRAINT fk_task_household_task_id_task FOREIGN KEY(task_id) REFERENCES task (id) ON DELETE CASCADE, 
	CONSTRAINT uq_task_household_task_id_household_id UNIQUE (task_id, household_id)
);
INSERT INTO "task_household" VALUES(1,1,20);
INSERT INTO "task_household" VALUES(3,11,9);
INSERT INTO "task_household" VALUES(16,35,44);
CREATE TABLE threshold (
	id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	region VARCHAR(40) NOT NULL, 
	amount FLOAT NOT NULL, 
	note VARCHAR(200), 
	CONSTRAINT pk_threshold PRIMARY KEY (id), 
	CONSTRAINT uq_threshold_year_region UNIQUE (year, region)
);
INSERT INTO "threshold" VALUES(1,2021,'全国',6000.0,'2021年全国底线');
INSERT INTO "threshold" VALUES(2,2025,'示范省',7800.0,'示范省监测范围');
INSERT INTO "threshold" VALUES(3,2026,'示范省',8100.0,'示范省监测范围');
CREATE TABLE user_account (
	id INTEGER NOT NULL, 
	username VARCHAR(40) NOT NULL, 
	display_name VARCHAR(60) NOT NULL, 
	role VARCHAR(10) NOT NULL, 
	password_hash VARCHAR(200) NOT NULL, 
	salt VARCHAR(64) NOT NULL, 
	failed_attempts INTEGER NOT NULL, 
	locked_until DATETIME, 
	active BOOLEAN NOT NULL, 
	must_change_password BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_login_at DATETIME, 
	CONSTRAINT pk_user_account PRIMARY KEY (id), 
	CONSTRAINT ck_user_account_role CHECK (role IN ('管理员', '录入员', '只读')), 
	CONSTRAINT uq_user_account_username UNIQUE (username)
);
INSERT INTO "user_account" VALUES(1,'admin','本机管理员','管理员','scrypt$16384$8$1$6c14a1746aab67be871f49c03c10bdde199d63447f7c5cd8d5ab9eaee18fab51','0f1e2d3c4b5a69788796a5b4c3d2e1f0',0,NULL,1,0,'2026-12-02 20:27:16.163203',NULL);
INSERT INTO "user_account" VALUES(2,'luru01','王小丽','录入员','scrypt$16384$8$1$b7e3c4f079e84440b0efcf5b9d2f67f1d18cd73f78b801b9298bd00ebadf9642','a1b2c3d4e5f60718293a4b5c6d7e8f90',0,NULL,1,0,'2026-12-02 20:27:16.163209',NULL);
CREATE TABLE visit (
	id INTEGER NOT NULL, 
	household_id INTEGER NOT NULL, 
	helper_id INTEGER, 
	visited_on DATE NOT NULL, 
	visitor VARCHAR(60) NOT NULL, 
	seen TEXT, 
	asked TEXT, 
	calculated TEXT, 
	checked TEXT, 
	problems TEXT, 
	follow_up TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	CONSTRAINT pk_visit PRIMARY KEY (id), 
	CONSTRAINT fk_visit_helper_id_helper FOREIGN KEY(helper_id) REFERENCES helper (id), 
	CONSTRAINT fk_visit_household_id_household FOREIGN KEY(household_id) REFERENCES household (id) ON DELETE CASCADE
);
INSERT INTO "visit" VALUES(5,20,50,'2026-11-24','李华成','住房稳固，存粮充足，有自来水','询问产业发展意愿','核算当年收入，预计人均超过监测范围','核实医保参保','医疗自付费用较高',NULL,'2026-12-02 20:27:14.684717','2026-12-02 20:27:14.684718');
INSERT INTO "visit" VALUES(6,45,57,'2026-11-30','刘萍莲','住房稳固，存粮充足，有自来水','了解子女上学情况','核算当年收入，预计人均超过监测范围','核对帮扶措施落实','无',NULL,'2026-12-02 20:27:14.684718','2026-12-02 20:27:14.684719');
INSERT INTO "visit" VALUES(7,45,57,'2026-10-31','刘萍莲','住房稳固，存粮充足，有自来水','了解子女上学情况','收入稳定','核对帮扶措施落实','医疗自付费用较高',NULL,'2026-12-02 20:27:14.684719','2026-12-02 20:27:14.684720');
INSERT INTO "visit" VALUES(8,45,57,'2026-09-28','刘萍莲','住房安全，饮水正常，家中整洁','询问务工和就医情况','务工收入较上年减少','核对帮扶措施落实','无',NULL,'2026-12-02 20:27:14.684720','2026-12-02 20:27:14.684721');
INSERT INTO "visit" VALUES(9,45,57,'2026-08-28','刘萍莲','住房安全，饮水正常，家中整洁','询问产业发展意愿','收入稳定','核对帮扶措施落实','无',NULL,'2026-12-02 20:27:14.684722','2026-12-02 20:27:14.684722');
CREATE TABLE work_team (
	id INTEGER NOT NULL, 
	village_id INTEGER NOT NULL, 
	dispatching_unit VARCHAR(100), 
	start_date DATE, 
	end_date DATE, 
	CONSTRAINT pk_work_team PRIMARY KEY (id), 
	CONSTRAINT fk_work_team_village_id_area FOREIGN KEY(village_id) REFERENCES area (id)
);
INSERT INTO "work_team" VALUES(8,53,'县财政局','2025-06-01',NULL);
INSERT INTO "work_team" VALUES(9,62,'县自然资源局','2025-06-01',NULL);
CREATE TABLE work_team_member (
	id INTEGER NOT NULL, 
	team_id INTEGER NOT NULL, 
	helper_id INTEGER NOT NULL, 
	position VARCHAR(20) NOT NULL, 
	CONSTRAINT pk_work_team_member PRIMARY KEY (id), 
	CONSTRAINT fk_work_team_member_helper_id_helper FOREIGN KEY(helper_id) REFERENCES helper (id), 
	CONSTRAINT fk_work_team_member_team_id_work_team FOREIGN KEY(team_id) REFERENCES work_team (id) ON DELETE CASCADE, 
	CONSTRAINT uq_work_team_member_team_id_helper_id UNIQUE (team_id, helper_id)
);
INSERT INTO "work_team_member" VALUES(22,8,52,'第一书记');
INSERT INTO "work_team_member" VALUES(23,8,53,'队员');
INSERT INTO "work_team_member" VALUES(24,8,54,'队员');
INSERT INTO "work_team_member" VALUES(25,9,59,'第一书记');
INSERT INTO "work_team_member" VALUES(26,9,60,'队员');
INSERT INTO "work_team_member" VALUES(27,9,61,'队员');
CREATE INDEX ix_area_level ON area (level);
CREATE INDEX ix_area_name ON area (name);
CREATE INDEX ix_area_parent_id ON area (parent_id);
CREATE INDEX ix_audit_log_action ON audit_log (action);
CREATE INDEX ix_audit_log_at ON audit_log (at);
CREATE INDEX ix_audit_log_entity ON audit_log (entity);
CREATE INDEX ix_audit_log_entity_id ON audit_log (entity_id);
CREATE INDEX ix_audit_log_user_name ON audit_log (user_name);
CREATE INDEX ix_code_item_field ON code_item (field);
CREATE INDEX ix_threshold_year ON threshold (year);
CREATE INDEX ix_helper_archived ON helper (archived);
CREATE INDEX ix_helper_id_number ON helper (id_number);
CREATE INDEX ix_helper_name ON helper (name);
CREATE INDEX ix_helper_phone ON helper (phone);
CREATE INDEX ix_helper_role ON helper (role);
CREATE INDEX ix_helper_unit ON helper (unit);
CREATE INDEX ix_helper_village_id ON helper (village_id);
CREATE INDEX ix_household_archived ON household (archived);
CREATE INDEX ix_household_group_id ON household (group_id);
CREATE INDEX ix_household_household_type ON household (household_type);
CREATE INDEX ix_household_monitor_category ON household (monitor_category);
CREATE INDEX ix_household_phone ON household (phone);
CREATE INDEX ix_household_risk_eliminated ON household (risk_eliminated);
CREATE INDEX ix_household_village_id ON household (village_id);
CREATE INDEX ix_task_category ON task (category);
CREATE INDEX ix_task_deadline ON task (deadline);
CREATE INDEX ix_task_finding_rule ON task (finding_rule);
CREATE INDEX ix_task_seq ON task (seq);
CREATE INDEX ix_task_source ON task (source);
CREATE INDEX ix_task_status ON task (status);
CREATE INDEX ix_task_unit ON task (unit);
CREATE INDEX ix_task_village_id ON task (village_id);
CREATE INDEX ix_work_team_village_id ON work_team (village_id);
CREATE INDEX ix_finding_review_household_id ON finding_review (household_id);
CREATE INDEX ix_finding_review_rule ON finding_review (rule);
CREATE INDEX ix_household_risk_household_id ON household_risk (household_id);
CREATE INDEX ix_household_risk_risk ON household_risk (risk);
CREATE INDEX ix_income_record_household_id ON income_record (household_id);
CREATE INDEX ix_income_record_per_capita ON income_record (per_capita);
CREATE INDEX ix_income_record_year ON income_record (year);
CREATE INDEX ix_member_household_id ON member (household_id);
CREATE INDEX ix_member_id_number ON member (id_number);
CREATE INDEX ix_member_name ON member (name);
CREATE INDEX ix_member_person_number ON member (person_number);
CREATE INDEX ix_member_phone ON member (phone);
CREATE INDEX ix_member_status ON member (status);
CREATE INDEX ix_pairing_end_date ON pairing (end_date);
CREATE INDEX ix_pairing_helper_id ON pairing (helper_id);
CREATE INDEX ix_pairing_household_id ON pairing (household_id);
CREATE UNIQUE INDEX uq_pairing_current_household ON pairing (household_id) WHERE end_date IS NULL;
CREATE INDEX ix_task_deadline_change_task_id ON task_deadline_change (task_id);
CREATE INDEX ix_task_event_task_id ON task_event (task_id);
CREATE INDEX ix_task_evidence_task_id ON task_evidence (task_id);
CREATE INDEX ix_task_household_household_id ON task_household (household_id);
CREATE INDEX ix_task_household_task_id ON task_household (task_id);
CREATE INDEX ix_visit_helper_id ON visit (helper_id);
CREATE INDEX ix_visit_household_id ON visit (household_id);
CREATE INDEX ix_visit_visited_on ON visit (visited_on);
CREATE INDEX ix_work_team_member_helper_id ON work_team_member (helper_id);
CREATE INDEX ix_work_team_member_team_id ON work_team_member (team_id);
CREATE INDEX ix_income_item_category ON income_item (category);
CREATE INDEX ix_income_item_record_id ON income_item (record_id);
CREATE INDEX ix_measure_category ON measure (category);
CREATE INDEX ix_measure_household_id ON measure (household_id);
CREATE INDEX ix_measure_member_id ON measure (member_id);
CREATE INDEX ix_measure_year ON measure (year);
CREATE INDEX ix_member_move_from_household_id ON member_move (from_household_id);
CREATE INDEX ix_member_move_member_id ON member_move (member_id);
CREATE INDEX ix_member_move_to_household_id ON member_move (to_household_id);
CREATE INDEX ix_program_membership_end_date ON program_membership (end_date);
CREATE INDEX ix_program_membership_household_id ON program_membership (household_id);
CREATE INDEX ix_program_membership_member_id ON program_membership (member_id);
CREATE INDEX ix_program_membership_program ON program_membership (program);
CREATE INDEX ix_program_membership_start_date ON program_membership (start_date);
COMMIT;
